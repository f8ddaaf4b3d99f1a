import { Extension } from '../domain/call-session';
import { AppError, BadUserInputError, FailedAccount } from '../domain/errors';
import { Provider } from '../domain/provider';
import { Signer } from '../lib/signer';
import { Caller } from '../upstream/caller';
import { TenantScope, checkAccounts, failureError, selectAdapters } from './call-history.service';
import { accountsFilter, filterHash } from './normalized-filter';

export interface ExtensionQuery {
  readonly first: number;
  readonly after: string | null;
  readonly providers: readonly Provider[] | null;
  readonly accounts: readonly string[] | null;
  /** The vendors' own types (User, queue, ivr …), compared without case. */
  readonly types: readonly string[] | null;
  /** Part of a name, an extension number or an email, without case. */
  readonly search: string | null;
}

export interface ExtensionPage {
  readonly edges: ReadonlyArray<{ readonly cursor: string; readonly extension: Extension }>;
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
  readonly missing: readonly FailedAccount[];
  readonly partialError: AppError | null;
}

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
    const after = query.after === null ? null : this.decode(query.after, scope.tenant, bound);

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
        if (after === null || compare(key, after) > 0) found.push({ key, extension });
      }
    });
    if (failures.length > 0 && failures.length === adapters.length) throw failureError(failures);
    found.sort((a, b) => compare(a.key, b.key));
    const page = found.slice(0, query.first);
    const edges = page.map(({ key, extension }) => ({ cursor: this.signer.sign(PURPOSE, { t: scope.tenant, b: bound, k: key }), extension }));
    return {
      edges,
      hasNextPage: found.length > query.first,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
      missing: failures.map((f) => f.account),
      partialError: failures.length > 0 ? failureError(failures) : null,
    };
  }

  private decode(cursor: string, tenant: string, bound: string): SortKey {
    const payload = this.signer.verify(PURPOSE, cursor, 2048) as { t?: unknown; b?: unknown; k?: unknown } | null;
    const key = payload?.k;
    if (!payload || !Array.isArray(key) || key.length !== 4 || !key.every((part) => typeof part === 'string')) {
      throw new BadUserInputError('Argument "after" is not a valid cursor for this query.', 'after');
    }
    if (payload.t !== tenant || payload.b !== bound) throw new BadUserInputError('Argument "after" was made for another filter: use it with the same one.', 'after');
    return key as unknown as SortKey;
  }
}
