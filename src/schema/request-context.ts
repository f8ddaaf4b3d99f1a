import { AppError } from '../domain/errors';
import { CallHistoryService, TenantScope } from '../history/call-history.service';
import { RequestLoaders } from '../history/request-loaders';
import { RecordingLinks } from '../recordings/recording-links';

/** Everything a resolver may use, built per request. */
export interface RequestContext {
  readonly scope: TenantScope;
  readonly history: CallHistoryService;
  readonly loaders: RequestLoaders;
  readonly recordingLinks: RecordingLinks;
  /** Absolute base URL of this server, for recording links. */
  readonly baseUrl: string;
  readonly signal: AbortSignal;
  /** Errors to report beside partial data (a PARTIAL page's missing vendors). */
  readonly partialErrors: AppError[];
}
