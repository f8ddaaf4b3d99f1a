/** RingCentral's call-log and extension JSON, as documented (vendors.md §1.4, §1.7). Only this folder sees it. */
export interface RcParty {
  phoneNumber?: string;
  extensionNumber?: string;
  extensionId?: string;
  name?: string;
  location?: string;
}

export interface RcRecordingInfo {
  id: string;
  uri?: string;
  type?: string;
  contentUri?: string;
}

/** GET /restapi/v1.0/account/{a}/recording/{id} (GetCallRecordingResponse). */
export interface RcRecordingResource {
  id: string;
  contentUri: string;
  contentType: string;
  duration: number;
}

export interface RcExtensionRef {
  id: number | string;
  uri?: string;
}

/** What RingCentral prints both for a record and for each of its legs (vendors.md §1.4: legs carry the record's fields). */
export interface RcCallFields {
  startTime: string;
  duration?: number;
  durationMs?: number;
  type?: string;
  direction?: string;
  action?: string;
  result?: string;
  reason?: string;
  from?: RcParty;
  to?: RcParty;
  extension?: RcExtensionRef;
  recording?: RcRecordingInfo;
}

export interface RcLeg extends RcCallFields {
  legType: string;
  master?: boolean;
}

export interface RcCallLogRecord extends RcCallFields {
  id: string;
  uri?: string;
  sessionId?: string;
  telephonySessionId?: string;
  legs?: RcLeg[];
}

export interface RcNavigation {
  firstPage?: { uri: string };
  nextPage?: { uri: string };
  previousPage?: { uri: string };
  lastPage?: { uri: string };
}

export interface RcPaging {
  page?: number;
  perPage?: number;
  totalPages?: number;
  totalElements?: number;
}

export interface RcListResponse<T> {
  uri?: string;
  records: T[];
  navigation?: RcNavigation;
  paging?: RcPaging;
}

export interface RcExtensionRecord {
  id: number | string;
  extensionNumber?: string;
  name?: string;
  type?: string;
  status?: string;
  contact?: { firstName?: string; lastName?: string; email?: string };
}

export interface RcErrorBody {
  errorCode?: string;
  message?: string;
  errors?: Array<{ errorCode?: string; message?: string; parameterName?: string }>;
}

export interface RcTokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
}
