import { CallSession, Extension, SessionDetail } from '../domain/call-session';
import { Provider } from '../domain/enums';
import { ListSessionsRequest, ListSessionsResult, RecordingContent, VendorAdapter } from '../vendors/adapter';
import { AccountHealth, AccountHealthReport, BreakerSettings } from './account-health';

/**
 * A vendor adapter behind its account's circuit breaker: the same interface, so the engine, the loaders and
 * the recording route need not know. Every call reports to the account's health.
 */
export class GuardedAdapter implements VendorAdapter {
  readonly provider: Provider;
  readonly account: string;
  readonly extensionBatchSize: number;
  readonly detailBatchSize: number;
  private readonly health: AccountHealth;

  constructor(
    private readonly inner: VendorAdapter,
    breaker: BreakerSettings,
  ) {
    this.provider = inner.provider;
    this.account = inner.account;
    this.extensionBatchSize = inner.extensionBatchSize;
    this.detailBatchSize = inner.detailBatchSize;
    this.health = new AccountHealth({ provider: inner.provider, account: inner.account }, breaker);
  }

  healthReport(): AccountHealthReport {
    return this.health.report();
  }

  listSessions(request: ListSessionsRequest): Promise<ListSessionsResult> {
    return this.health.run((signal) => this.inner.listSessions({ ...request, signal }), request.signal);
  }

  getSession(nativeId: string, signal: AbortSignal): Promise<CallSession | null> {
    return this.health.run((s) => this.inner.getSession(nativeId, s), signal);
  }

  loadDetails(sessions: readonly CallSession[], signal: AbortSignal): Promise<Array<SessionDetail | null>> {
    return this.health.run((s) => this.inner.loadDetails(sessions, s), signal);
  }

  getExtensions(nativeIds: readonly string[], signal: AbortSignal): Promise<Array<Extension | null>> {
    return this.health.run((s) => this.inner.getExtensions(nativeIds, s), signal);
  }

  openRecording(nativeId: string, range: string | undefined, signal: AbortSignal): Promise<RecordingContent | null> {
    return this.health.run((s) => this.inner.openRecording(nativeId, range, s), signal);
  }

  ping(signal: AbortSignal): Promise<void> {
    return this.health.run((s) => this.inner.ping(s), signal);
  }
}
