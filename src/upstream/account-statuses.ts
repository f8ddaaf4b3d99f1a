import { AccountRef } from '../domain/call-session';
import { AccountHealth, AccountHealthReport, BreakerSettings } from './account-health';

/**
 * Each vendor account's health (its breaker and live state), one per account: the policy stack of the
 * account records into it, and `providers` and the metrics read it.
 */
export class AccountStatuses {
  private readonly byAccount = new Map<string, { ref: AccountRef; health: AccountHealth }>();

  constructor(
    private readonly breaker: BreakerSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** The health of an account, made on first use. */
  healthOf(ref: AccountRef): AccountHealth {
    const key = `${ref.provider}/${ref.account}`;
    let entry = this.byAccount.get(key);
    if (!entry) {
      entry = { ref: { provider: ref.provider, account: ref.account }, health: new AccountHealth(ref, this.breaker, this.now) };
      this.byAccount.set(key, entry);
    }
    return entry.health;
  }

  report(ref: AccountRef): AccountHealthReport {
    return this.healthOf(ref).report();
  }

  all(): Array<AccountRef & { report: AccountHealthReport }> {
    return [...this.byAccount.values()].map(({ ref, health }) => ({ ...ref, report: health.report() }));
  }
}
