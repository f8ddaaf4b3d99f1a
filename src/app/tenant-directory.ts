import { createHash } from 'node:crypto';
import { UnauthenticatedError } from '../domain/errors';
import { TenantScope } from '../history/call-history.service';
import { VendorAdapter } from '../vendors/adapter';

export interface TenantEntry {
  readonly name: string;
  readonly accountKeys: readonly string[];
  /** "sha256:<hex>" of each API key. */
  readonly apiKeyHashes: readonly string[];
}

/** Maps API keys to tenants and tenants to the vendor accounts they may read. */
export class TenantDirectory {
  private readonly byKeyHash = new Map<string, TenantScope>();
  private readonly byName = new Map<string, TenantScope>();

  constructor(
    tenants: readonly TenantEntry[],
    adapters: readonly VendorAdapter[],
    private readonly anonymousTenant: string | undefined,
  ) {
    for (const tenant of tenants) {
      const scope: TenantScope = { tenant: tenant.name, adapters: adapters.filter((a) => tenant.accountKeys.includes(a.account)) };
      this.byName.set(tenant.name, scope);
      for (const hash of tenant.apiKeyHashes) this.byKeyHash.set(hash, scope);
    }
  }

  /** The tenant of an Authorization header; UNAUTHENTICATED when it is missing (and no anonymous tenant) or unknown. */
  authenticate(authorization: string | undefined): TenantScope {
    if (!authorization) {
      const anonymous = this.anonymousTenant ? this.byName.get(this.anonymousTenant) : undefined;
      if (anonymous) return anonymous;
      throw new UnauthenticatedError('An API key is required: send "Authorization: Bearer <api key>".');
    }
    const match = /^Bearer\s+(\S{1,512})$/i.exec(authorization.trim());
    // Keys are compared by their SHA-256, so lookup time says nothing about a stored key.
    const scope = match ? this.byKeyHash.get(`sha256:${createHash('sha256').update(match[1]!).digest('hex')}`) : undefined;
    if (!scope) throw new UnauthenticatedError('The API key is not valid.');
    return scope;
  }

  tenant(name: string): TenantScope | undefined {
    return this.byName.get(name);
  }
}
