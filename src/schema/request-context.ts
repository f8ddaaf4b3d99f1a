import { AppError } from '../domain/errors';
import { CallHistoryService, TenantScope } from '../history/call-history.service';
import { RequestLoaders } from '../history/request-loaders';
import { ChangeFeedService } from '../history/change-feed.service';
import { ExtensionDirectoryService } from '../history/extension-directory.service';
import { RecordingLinks } from '../recordings/recording-links';
import { AccountStatuses } from '../upstream/account-statuses';
import { Caller } from '../upstream/caller';
import { CallLogger } from '../app-connect/call-logger';

/** An error reported beside the data it concerns (a PARTIAL page's missing vendors), at that field's path. */
export interface PartialError {
  readonly error: AppError;
  readonly path: ReadonlyArray<string | number>;
}

/** What the operation's log line says of it. */
export interface OperationRecord {
  readonly requestId: string;
  /** Vendor requests made on its behalf so far. */
  readonly upstreamCalls: number;
}

/** Everything a resolver may use, built per request. */
export interface RequestContext {
  readonly scope: TenantScope;
  readonly history: CallHistoryService;
  readonly changes: ChangeFeedService;
  readonly extensions: ExtensionDirectoryService;
  readonly loaders: RequestLoaders;
  readonly recordingLinks: RecordingLinks;
  /** Each account's live state, for `providers`. */
  readonly statuses: AccountStatuses;
  /** CRM logging (logCall, crmConnectors); null when no connector is configured. */
  readonly crm: { readonly logger: CallLogger; readonly recordingLinkTtlSeconds: number } | null;
  /** Absolute base URL of this server, for recording links. */
  readonly baseUrl: string;
  /** Who the vendor requests are made for: the request's signal and deadline. */
  readonly caller: Caller;
  readonly operation: OperationRecord;
  /** Errors to report beside partial data. */
  readonly partialErrors: PartialError[];
}
