import { Extension } from '../domain/call-session';
import { BadUserInputError, FailedAccount } from '../domain/errors';
import { Provider } from '../domain/provider';
import { Signer } from '../lib/signer';
import { Caller } from '../upstream/caller';
import { ConnectionPage, TenantScope, checkAccounts, failureError, selectAdapters } from './call-history.service';
import { accountsFilter, filterHash } from './normalized-filter';
import { PageRequest, pageDirection } from './page-direction';

/** A page of the directory, either way (the one nearest `before` last when paging back). */
export interface ExtensionQuery extends PageRequest {
  readonly providers: readonly Provider[] | null;
  readonly accounts: readonly string[] | null;
  /** The vendors' own types (User, queue, ivr …), compared without case. */
  readonly types: readonly string[] | null;
  /** Part of a name, an extension number or an email, without case. */
  readonly search: string | null;
}

export type ExtensionPage = ConnectionPage<{ readonly cursor: string; readonly extension: Extension }>;

/** The order of the directory: by name (a picker's order), then provider, account and native id. */
type SortKey = readonly [string, string, string, string];
const keyOf = (e: Extension): SortKey => [(e.name ?? '').toLocaleLowerCase('en'), e.provider, e.account, e.nativeId];
function compare(a: SortKey, b: SortKey): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

const PURPOSE = 'extensions';

/**
 * Every extension directory a tenant may read, as one connection for pickers: each account's directory is
 * read whole (the vendors list them whole, and they are kept for the directory TTL), filtered, merged by name
 * and paged by a signed keyset cursor bound to the tenant and the filter. A failed account is listed missing.
 */
export class ExtensionDirectoryService {
  constructor(private readonly signer: Signer) {}

  async list(scope: TenantScope, query: ExtensionQuery, caller: Caller): Promise<ExtensionPage> {
    const filter = accountsFilter(query);
    checkAccounts(scope, filter);
    const types = query.types ? [...new Set(query.types.map((t) => t.toLocaleLowerCase('en')))].sort() : null;
    const search = query.search?.trim().toLocaleLowerCase('en') || null;
    const bound = `${filterHash(filter)}|${JSON.stringify([types, search])}`;
    const { backward, count, cursor, argument } = pageDirection(query);
    const at = cursor === null ? null : this.decode(cursor, scope.tenant, bound, argument);

    const adapters = selectAdapters(scope.adapters, filter);
    const settled = await Promise.allSettled(adapters.map((a) => a.listExtensions(caller)));
    const failures: Array<{ account: FailedAccount; error: unknown }> = [];
    const found: Array<{ key: SortKey; extension: Extension }> = [];
    settled.forEach((outcome, i) => {
      const adapter = adapters[i]!;
      if (outcome.status === 'rejected') return void failures.push({ account: { provider: adapter.provider, account: adapter.account }, error: outcome.reason });
      for (const extension of outcome.value) {
        if (types && !types.includes((extension.type ?? '').toLocaleLowerCase('en'))) continue;
        if (search && ![extension.name, extension.extensionNumber, extension.email].some((text) => text?.toLocaleLowerCase('en').includes(search))) continue;
        const key = keyOf(extension);
        if (at === null || (backward ? compare(key, at) < 0 : compare(key, at) > 0)) found.push({ key, extension });
      }
    });
    if (failures.length > 0 && failures.length === adapters.length) throw failureError(failures);
    found.sort((a, b) => compare(a.key, b.key));
    const page = backward ? found.slice(Math.max(0, found.length - count)) : found.slice(0, count);
    const edges = page.map(({ key, extension }) => ({ cursor: this.signer.sign(PURPOSE, { t: scope.tenant, b: bound, k: key }), extension }));
    const more = found.length > count;
    return {
      edges,
      // Exact in the direction of the walk; the other way, whether the page was asked from a cursor.
      hasNextPage: backward ? at !== null : more,
      hasPreviousPage: backward ? more : at !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
      missing: failures.map((f) => f.account),
      partialError: failures.length > 0 ? failureError(failures) : null,
    };
  }

  private decode(cursor: string, tenant: string, bound: string, argument: 'after' | 'before'): SortKey {
    const payload = this.signer.verify(PURPOSE, cursor, 2048) as { t?: unknown; b?: unknown; k?: unknown } | null;
    const key = payload?.k;
    if (!payload || !Array.isArray(key) || key.length !== 4 || !key.every((part) => typeof part === 'string')) {
      throw new BadUserInputError(`Argument "${argument}" is not a valid cursor for this query.`, argument);
    }
    if (payload.t !== tenant || payload.b !== bound) throw new BadUserInputError(`Argument "${argument}" was made for another filter: use it with the same one.`, argument);
    return key as unknown as SortKey;
  }
}
