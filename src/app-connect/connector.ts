import { LogFormat, UserSettings } from './note-composer';

/**
 * App Connect's connector interface (ringcentral/rc-unified-crm-extension docs/developers/interfaces/*.md;
 * ../shared/partner-integrations.md §1.1): an existing connector's functions can be dropped in. Callbridge calls
 * them with a RingCentral Detailed call-log record built from any vendor's session (rc-call-log-record.ts), the
 * composed note and the matched contact. Shapes are App Connect's; only what Callbridge passes or reads is typed.
 */
export interface AppConnectUser {
  /** The CRM user the activity is logged for (the extension's mapped CRM user, else the configured one). */
  readonly id: string;
  readonly hostname?: string;
  readonly timezoneOffset?: string | number | null;
  readonly userSettings?: UserSettings;
  readonly platformAdditionalInfo?: Readonly<Record<string, unknown>>;
}

export interface ContactInfo {
  /** Null when the CRM has no contact with the call's number: the call is logged without one. */
  readonly id: string | null;
  readonly type?: string;
  readonly name?: string;
  readonly phoneNumber?: string;
}

export interface ReturnMessage {
  readonly message: string;
  readonly messageType: string;
  readonly ttl?: number;
}

export interface MatchedContact extends ContactInfo {
  readonly id: string;
  readonly phone?: string;
  /** When the CRM created it: App Connect's auto-log picks the earliest on a multi-match. */
  readonly createdDate?: string | number;
}

export type CallLogRecord = Readonly<Record<string, any>>;

export interface AppConnectConnector {
  findContact(args: { user: AppConnectUser; authHeader: string; phoneNumber: string; overridingFormat?: string; isExtension?: boolean }): Promise<{
    successful?: boolean;
    matchedContactInfo?: MatchedContact[] | null;
    returnMessage?: ReturnMessage;
  }>;
  createCallLog(args: {
    user: AppConnectUser;
    contactInfo: ContactInfo;
    authHeader: string;
    callLog: CallLogRecord;
    note: string | null;
    additionalSubmission: Record<string, unknown> | null;
    aiNote: string | null;
    transcript: string | null;
    composedLogDetails: string;
    isFromSSCL: boolean;
  }): Promise<{ logId: string | number; returnMessage?: ReturnMessage }>;
  updateCallLog(args: {
    user: AppConnectUser;
    existingCallLog: { thirdPartyLogId: string; sessionId: string; contactId?: string };
    authHeader: string;
    recordingLink: string | null;
    recordingDownloadLink: string | null;
    subject: string | null;
    note: string | null;
    startTime: string;
    duration: number;
    result: string;
    legs: unknown[];
    composedLogDetails: string;
    existingCallLogDetails: unknown;
    isFromSSCL: boolean;
  }): Promise<{ updatedNote?: string; returnMessage?: ReturnMessage }>;
  /**
   * By the CRM's log id, as App Connect calls it; and, from Callbridge, by `telephonySessionId` with no
   * `callLogId`: after a crash between the CRM's answer and the ledger's update, to find the log instead of
   * creating a second one. For that call a connector answers `callLogInfo.logId` (null `callLogInfo`: no log).
   */
  getCallLog(args: { user: AppConnectUser; authHeader: string; callLogId: string | null; telephonySessionId?: string; sessionId?: string; contactId?: string }): Promise<{
    callLogInfo?: { logId?: string | number; subject?: string; note?: string; fullBody?: string; fullLogResponse?: unknown } | null;
    returnMessage?: ReturnMessage;
  }>;
}

/** How Callbridge runs one configured connector for one tenant (the `appConnect.connectors[]` entry). */
export interface ConnectorSettings {
  readonly tenant: string;
  readonly name: string;
  readonly authHeader: string;
  readonly logFormat: LogFormat;
  readonly user: AppConnectUser;
  /** The CRM user of each (account, extension number): the agent's own user; others log as `user`. */
  readonly userMapping: ReadonlyArray<{ readonly account: string; readonly extensionNumber: string; readonly crmUserId: string }>;
  readonly timeoutMs: number;
  readonly contactCacheMs: number;
}
