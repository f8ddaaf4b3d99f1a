/** Telphin's call and extension JSON, as documented (seed 004, vendors.md §3.4–3.5). Only this folder sees it. */
export interface TpCallFields {
  extension_id?: number | null;
  extension_name?: string | null;
  extension_type?: string | null;
  client_owner_id?: number | null;
  flow?: string | null;
  from_username?: string | null;
  from_screen_name?: string | null;
  to_username?: string | null;
  did_number?: string | null;
  init_time_gmt: string;
  start_time_gmt?: string | null;
  hangup_time_gmt?: string | null;
  duration?: number | null;
  result?: string | null;
  hangup_disposition?: string | null;
}

/** A `calls` item; `call_history` items add `cdr`. */
export interface TpCall extends TpCallFields {
  call_uuid: string;
  bridged_username?: string | null;
  bridged_time_gmt?: string | null;
  bridged_duration?: number | null;
  cdr?: TpCdr[];
}

/** A cdr item (fixtures/telphin/call-history-item.json): flow in, out or transfer; a recording per leg. */
export interface TpCdr extends TpCallFields {
  source_number?: string | null;
  /** The caller id presented to the callee (vendors.md §3.7): on an outbound call, the number the company called from. */
  ani_number?: string | null;
  dest_number?: string | null;
  application?: string | null;
  record_uuid?: string | null;
}

export interface TpCallsPage {
  calls?: TpCall[];
  call_history?: TpCall[];
  order?: string;
  page?: number;
  per_page?: number;
}

export interface TpExtension {
  id: number;
  name?: string | null;
  label?: string | null;
  type?: string | null;
  status?: string | null;
}

export interface TpErrorBody {
  message?: string;
  status?: string;
}
