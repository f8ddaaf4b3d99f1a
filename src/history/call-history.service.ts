import { normalizePhoneNumber } from '../domain/phone-number';
import { CallSession } from '../domain/call-session';
import { AppError, BadUserInputError, FailedAccount, NotFoundError, RateLimitedError, UpstreamUnavailableError } from '../domain/errors';
import { decodeGlobalId } from './global-id';
import { pageDirection } from './page-direction';
import { SortKey, SortOrder, sortKeyOf } from '../domain/ordering';
import { RowFilter } from '../domain/call-filter';
import { Caller } from '../upstream/caller';
import { VendorAdapter } from '../vendors/adapter';
import { AccountHint, CURSOR_VERSION, CursorCodec, CursorState } from './cursor-codec';
import { ScanResult, keysetScan } from './keyset-scan';
import { AccountResult, mergePage } from './merge-page';
import { PageCache } from './page-cache';
import { pageSourceOf } from './page-sources';
import { ResumePosition } from './resume-position';
import { NormalizedFilter, WindowLimits, filterHash, normalizeFilter, resolveWindow } from './normalized-filter';
import { ProviderErrorPolicy, SessionQuery } from './session-query';

/** The vendor accounts one tenant may read. */
export interface TenantScope {
  readonly tenant: string;
  readonly adapters: readonly VendorAdapter[];
}

export interface SessionEdge {
  readonly cursor: string;
  readonly session: CallSession;
}

/** A page of a Relay connection as the services answer it: its edges, paging state and the accounts that failed. */
export interface ConnectionPage<Edge> {
  readonly edges: readonly Edge[];
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
  /** Accounts whose rows are absent from this page because their vendor failed (PARTIAL only). */
  readonly missing: readonly FailedAccount[];
  /** The error to report beside the page when accounts are missing. */
  readonly partialError: AppError | null;
}

export type SessionPage = ConnectionPage<SessionEdge>;

/** What one account is asked for one page: the window (epoch ms) and where in it. */
export interface AccountScan {
  readonly window: { readonly from: number; readonly to: number };
  readonly order: SortOrder;
  readonly after: SortKey | null;
  readonly limit: number;
  readonly filter: RowFilter;
  readonly resume: ResumePosition | null;
  readonly withDetail: boolean;
  /** Read every vendor page afresh rather than reuse kept ones (the change feed). */
  readonly fresh?: boolean;
}

export interface CallHistoryOptions {
  readonly codec: CursorCodec;
  readonly window: WindowLimits;
  /** Vendor pages one account may read for one GraphQL page. */
  readonly maxVendorPagesPerPage: number;
  /** Vendor list pages, kept and shared by every walk. */
  readonly pages: PageCache;
  /** A new walk's window ends at "now" rounded down to this (ms): walks started within it share vendor pages. */
  readonly windowEndMs: number;
  readonly now?: () => number;
}

/** The call-history service: fans out to the accounts in parallel and merges them into one keyset-paged walk. */
export class CallHistoryService {
  private readonly now: () => number;

  constructor(private readonly options: CallHistoryOptions) {
    this.now = options.now ?? Date.now;
  }

  async listSessions(scope: TenantScope, query: SessionQuery, caller: Caller): Promise<SessionPage> {
    // A new walk's asOf is "now" rounded down to windowEndMs (whole seconds, as vendors keep them): walks
    // started within the same span have the same window, so they share vendor pages, and the newest calls
    // show up at most that much later (docs/configuration.md: paging.windowEndSeconds).
    const now = Math.floor(this.now() / this.options.windowEndMs) * this.options.windowEndMs;
    // Backward (last/before) is the same walk read the other way from the cursor: the rows are scanned in the
    // reverse order and handed out in the walk's own, so cursors of either direction work in the other.
    const { backward, count, cursor, argument } = pageDirection(query);
    const scanOrder = backward ? reversed(query.order) : query.order;
    const filter = normalizeFilter(query.filter, this.options.window, cursor === null ? now : null);
    const fh = filterHash(filter);
    const previous = cursor !== null
      ? this.options.codec.decode(cursor, { tenant: scope.tenant, filterHash: fh, order: query.order, now }, argument)
      : null;
    const [from, to] = previous ? [previous.window.from, previous.window.to] : resolveWindow(filter, now, this.options.window);
    const started = previous ? previous.startedAt : now;
    const after = previous?.after ?? null;
    // Vendor resume hints and finished accounts hold for the direction they were made in only.
    const hints = backward ? {} : (previous?.hints ?? {});

    checkAccounts(scope, filter);
    const selected = selectAdapters(scope.adapters, filter);
    const phones = phoneFilters(selected, filter);
    const adapters = selected.filter((a) => hints[accountKey(a)] !== 'done' && phones.has(a));
    const settled = await Promise.allSettled(
      adapters.map((adapter) =>
        this.scanAccount(
          adapter,
          { window: { from, to }, order: scanOrder, after, limit: count + 1, filter: { ...filter.row, ...extensionFilterFor(adapter, filter), ...phones.get(adapter) }, resume: resumeHint(hints[accountKey(adapter)]), withDetail: query.withDetail },
          caller,
        ),
      ),
    );

    const results: AccountResult[] = [];
    const failures: Array<{ account: FailedAccount; error: unknown }> = [];
    settled.forEach((outcome, i) => {
      const adapter = adapters[i]!;
      if (outcome.status === 'fulfilled') results.push({ account: accountKey(adapter), result: outcome.value });
      else failures.push({ account: { provider: adapter.provider, account: adapter.account }, error: outcome.reason });
    });
    if (failures.length > 0 && (query.onProviderError === ProviderErrorPolicy.FAIL || results.length === 0)) {
      throw failureError(failures);
    }

    const merged = mergePage(results, count, scanOrder);
    // Accounts skipped as done stay done for the rest of the walk.
    for (const [key, hint] of Object.entries(hints)) if (hint === 'done') merged.hints[key] = 'done';
    const base = { version: CURSOR_VERSION, tenant: scope.tenant, filterHash: fh, order: query.order, window: { from, to }, startedAt: started };
    const cursorAt = (key: SortKey, hints?: Record<string, AccountHint>): string => {
      const state: CursorState = hints ? { ...base, after: key, hints } : { ...base, after: key };
      return this.options.codec.encode(state);
    };
    const missing = failures.map((f) => f.account);
    const partialError = failures.length > 0 ? failureError(failures) : null;
    if (backward) {
      const sessions = [...merged.sessions].reverse();
      const edgeCursors = this.options.codec.encodeEdges(base, sessions.map(sortKeyOf));
      const edges = sessions.map((session, i) => ({ session, cursor: edgeCursors[i]! }));
      return {
        edges,
        // Rows follow a `before` cursor (its own row at least); the end of the walk has none after it.
        hasNextPage: previous !== null,
        hasPreviousPage: merged.hasNextPage,
        // An empty page cut short by the scan bound hands out where the backward scan resumes.
        startCursor: edges[0]?.cursor ?? (merged.hasNextPage && merged.endKey ? cursorAt(merged.endKey) : null),
        endCursor: edges[edges.length - 1]?.cursor ?? null,
        missing,
        partialError,
      };
    }
    // One signature for the edges of the page; the last edge's cursor carries where each account resumes.
    const edgeCursors = this.options.codec.encodeEdges(base, merged.sessions.map(sortKeyOf));
    const last = merged.sessions.length - 1;
    const edges = merged.sessions.map((session, i) => ({
      session,
      cursor: i === last && merged.endKey ? cursorAt(merged.endKey, merged.hints) : edgeCursors[i]!,
    }));
    // A page cut short by the scan bound with no row still hands out where the next scan resumes.
    const endCursor = edges.length > 0 ? edges[edges.length - 1]!.cursor : merged.hasNextPage && merged.endKey ? cursorAt(merged.endKey, merged.hints) : null;
    return {
      edges,
      hasNextPage: merged.hasNextPage,
      hasPreviousPage: previous !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor,
      missing,
      partialError,
    };
  }

  /**
   * One account's rows in a window strictly after a key, in walk order: the adapter declares how its vendor
   * pages the listing, the engine reads the pages (kept and shared) and scans them.
   */
  async scanAccount(adapter: VendorAdapter, scan: AccountScan, caller: Caller): Promise<ScanResult> {
    const account = { provider: adapter.provider, account: adapter.account };
    const strategy = await adapter.paging({ order: scan.order, filter: scan.filter, withDetail: scan.withDetail }, caller);
    const request = {
      account,
      window: { from: new Date(scan.window.from), to: new Date(scan.window.to) },
      order: scan.order,
      after: scan.after,
      limit: scan.limit,
      filter: scan.filter,
      resume: scan.resume,
      maxVendorPages: this.options.maxVendorPagesPerPage,
      caller,
    };
    return keysetScan(request, pageSourceOf(strategy, { account, order: scan.order, caller, cache: this.options.pages, ...(scan.fresh ? { fresh: true } : {}) }));
  }

  /** One session by global id; NOT_FOUND when the tenant cannot see it or the vendor does not have it. */
  async getSession(scope: TenantScope, id: string, argumentName: string, caller: Caller): Promise<CallSession> {
    const decoded = decodeGlobalId(id, argumentName, 'CallSession');
    const adapter = findAdapter(scope, decoded.provider, decoded.account);
    const session = adapter ? await adapter.getSession(decoded.nativeId, caller) : null;
    if (!session) throw new NotFoundError(`No call session has the id "${id}".`);
    return session;
  }
}

export function accountKey(adapter: { provider: string; account: string }): string {
  return `${adapter.provider}/${adapter.account}`;
}

export function findAdapter(scope: TenantScope, provider: string, account: string): VendorAdapter | undefined {
  return scope.adapters.find((a) => a.provider === provider && a.account === account);
}

export function selectAdapters(adapters: readonly VendorAdapter[], filter: NormalizedFilter): VendorAdapter[] {
  return adapters.filter(
    (a) =>
      (!filter.providers || filter.providers.includes(a.provider)) &&
      (!filter.accounts || filter.accounts.includes(a.account)) &&
      (!filter.extensions || filter.extensions[accountKey(a)] !== undefined),
  );
}

/**
 * An account name in the filter that is not one of the tenant's is an error, whether it does not exist or is
 * someone else's (the same answer, so it says nothing of other tenants).
 */
export function checkAccounts(scope: TenantScope, filter: NormalizedFilter): void {
  const unknown = filter.accounts?.filter((key) => !scope.adapters.some((a) => a.account === key)) ?? [];
  if (unknown.length > 0) throw new BadUserInputError(`filter.accounts: you have no account ${unknown.map((k) => JSON.stringify(k)).join(', ')}.`, 'filter.accounts');
}

/**
 * The phone filter each account is asked: a national number read with the account's default country. An
 * account that cannot read it is not asked (it has no country, or the number is not one of its country's);
 * when no account can, the filter is refused.
 */
function phoneFilters(adapters: readonly VendorAdapter[], filter: NormalizedFilter): Map<VendorAdapter, { phoneNumber?: string }> {
  if (filter.nationalPhone === null) return new Map(adapters.map((a) => [a, {}]));
  const read = adapters.flatMap((a) => {
    const e164 = normalizePhoneNumber(filter.nationalPhone, a.defaultCountry);
    return e164 ? [[a, { phoneNumber: e164 }] as const] : [];
  });
  if (read.length === 0 && adapters.length > 0) {
    throw new BadUserInputError(`filter.phoneNumber "${filter.nationalPhone}" is a national number none of these accounts can read: give phoneCountry, or the number in E.164 ("+14155550123").`, 'filter.phoneNumber');
  }
  return new Map(read);
}

function extensionFilterFor(adapter: VendorAdapter, filter: NormalizedFilter): { extensionIds?: readonly string[] } {
  const ids = filter.extensions?.[accountKey(adapter)];
  return ids ? { extensionIds: ids } : {};
}

const reversed = (order: SortOrder): SortOrder => (order === SortOrder.START_TIME_ASC ? SortOrder.START_TIME_DESC : SortOrder.START_TIME_ASC);

function resumeHint(hint: AccountHint | undefined): ResumePosition | null {
  return hint && hint !== 'done' ? hint : null;
}

export function failureError(failures: ReadonlyArray<{ account: FailedAccount; error: unknown }>): AppError {
  if (failures.length === 1 && failures[0]!.error instanceof AppError && !(failures[0]!.error instanceof UpstreamUnavailableError)) {
    return failures[0]!.error;
  }
  if (failures.every((f) => f.error instanceof RateLimitedError)) {
    // Every failed account is only rate limited: the page can be had by waiting for the slowest budget.
    const limited = failures.map((f) => f.error as RateLimitedError);
    return new RateLimitedError(limited.map((e) => e.message).join(' '), Math.max(...limited.map((e) => e.retryAfter)));
  }
  const names = failures.map((f) => `${f.account.provider} account "${f.account.account}"`).join(', ');
  const reasons = failures.map((f) => (f.error instanceof AppError ? f.error.message : 'unexpected error')).join('; ');
  return new UpstreamUnavailableError(`Unavailable: ${names}. ${reasons}`, failures.map((f) => f.account));
}
