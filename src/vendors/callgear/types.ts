/** CallGear's Data API JSON, as documented (vendors.md §2.2–2.7, seed 002). Only this folder sees it. */
export interface CgLimits {
  day_limit?: number;
  day_remaining?: number;
  /** Seconds until the day budget resets. */
  day_reset?: number;
  minute_limit?: number;
  minute_remaining?: number;
  /** Seconds until the minute budget resets. */
  minute_reset?: number;
}

export interface CgMetadata {
  total_items?: number;
  limits?: CgLimits;
}

export interface CgListResult<T> {
  metadata?: CgMetadata;
  data: T[];
}

export interface CgRpcErrorBody {
  code: number;
  message?: string;
  data?: { mnemonic?: string; field?: string; value?: unknown; metadata?: CgMetadata };
}

export interface CgRpcResponse<T> {
  jsonrpc?: string;
  id?: string | number | null;
  result?: T;
  error?: CgRpcErrorBody;
}

export interface CgSessionEmployee {
  employee_id: number;
  employee_full_name?: string | null;
  is_answered?: boolean;
  is_talked?: boolean;
}

/** A get.calls_report row with the fields Callbridge asks for (CALL_FIELDS). */
export interface CgCallRow {
  id: number;
  start_time: string;
  finish_time: string | null;
  finish_reason: string | null;
  direction: 'in' | 'out';
  is_lost: boolean | null;
  communication_id: number | null;
  contact_phone_number: string | null;
  contact_full_name: string | null;
  virtual_phone_number: string | null;
  wait_duration: number | null;
  talk_duration: number | null;
  total_duration: number | null;
  call_records: string[] | null;
  voice_mail_records: string[] | null;
  employees: CgSessionEmployee[] | null;
  last_answered_employee_id: number | null;
}

/** A get.call_legs_report row with the fields Callbridge asks for (LEG_FIELDS). */
export interface CgLegRow {
  id: number;
  call_session_id: number;
  call_records: string[] | null;
  start_time: string;
  connect_time: string | null;
  duration: number | null;
  total_duration: number | null;
  finish_reason: string | null;
  calling_phone_number: string | null;
  called_phone_number: string | null;
  virtual_phone_number: string | null;
  direction: 'in' | 'out' | null;
  is_transfered: boolean | null;
  is_operator: boolean | null;
  employee_id: number | null;
  is_talked: boolean | null;
  group_id: number | null;
  contact_phone_number: string | null;
}

export interface CgEmployeeRow {
  id: number;
  full_name?: string | null;
  email?: string | null;
  extension?: { extension_phone_number?: string | null } | null;
}
