import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../domain/errors';
import { abandonedError } from './caller';
import { FairTurns } from './fair-turns';
import { sleep } from './retry';
import { Policy, UpstreamResponse } from './upstream-request';

/** How long a request that yields its turn to another tenant waits before it looks again. */
const YIELD_MS = 20;

/** A vendor limit: at most `limit` requests in any `windowSeconds`. */
export interface RateWindow {
  readonly limit: number;
  readonly windowSeconds: number;
}

/** Limits by rate group, each group's limits all applying (configuration, or a vendor's defaults). */
export type RateLimits = Readonly<Record<string, readonly RateWindow[]>>;

/** A vendor's rate groups: each group's limits (all of which apply), and which group an operation spends. */
export interface RatePlan {
  readonly groups: RateLimits;
  groupOf(operation: string): string;
  /**
   * Operations that may spend only a share of their group (0 to 1 of each of its limits), so that they never
   * take the rest from the others: recording downloads beside listing.
   */
  readonly slices?: Readonly<Record<string, number>>;
}

/**
 * What a vendor said of one of its rate groups in an answer: how many requests remain, and in how many seconds
 * that count starts over (headers or metadata; each vendor reads its own).
 */
export interface VendorRateReport {
  readonly group: string;
  readonly remaining: number;
  readonly resetSeconds: number;
}

/** Who hears of budget waits and refusals (the Prometheus metrics). */
export interface BudgetObserver {
  budgetWait(vendor: string, account: string, group: string, seconds: number): void;
  budgetRefused(vendor: string, account: string, group: string): void;
}

/**
 * How one vendor limit is kept with rate-limiter-flexible. Its windows are fixed and open at the first
 * request, while vendors count a sliding window (RingCentral) or clock-aligned ones (Telphin's hour,
 * CallGear's minute and day). Any vendor window of W seconds overlaps at most k+1 of our windows of W/k,
 * so each of ours may hold ⌊limit/(k+1)⌋ requests: never more than `limit` in any vendor window, whatever
 * the alignment. k = 4 keeps 80% of the rate with bursts of a fifth of the limit.
 */
export function safeSlice(window: RateWindow): { points: number; durationSeconds: number } {
  if (window.limit < 2) return { points: 1, durationSeconds: window.windowSeconds * 1.01 };
  const k = Math.min(4, window.limit - 1);
  return { points: Math.floor(window.limit / (k + 1)), durationSeconds: window.windowSeconds / k };
}

interface GroupLimiters {
  readonly name: string;
  readonly limiters: RateLimiterMemory[];
}

/**
 * The request budgets of one vendor quota holder (an account, or a Telphin client all of whose apps share
 * one hourly quota). A request spends one point of its group before it is sent; when the group is spent it
 * waits for the next point, as long as the operation's deadline allows, and otherwise fails at once with
 * RATE_LIMITED and how long to wait. Callbridge so spends its budget before the vendor has to say 429.
 */
export class RateBudget {
  private readonly groups = new Map<string, GroupLimiters>();
  /** Each group's turns among the tenants waiting for it. */
  private readonly turns = new Map<string, FairTurns>();
  /** The limiters of each sliced operation: a share of its group's limits, taken beside the group's. */
  private readonly slices = new Map<string, RateLimiterMemory[]>();
  /**
   * What the vendor last said it allows, by group: limits "can be customized and vary among apps" (vendors.md
   * §1.10, §2.9, §3.7), so a vendor stricter than the plan is followed; the plan's own limits always apply too.
   */
  private readonly reported = new Map<string, { remaining: number; until: number }>();

  constructor(
    private readonly owner: { vendor: string; account: string },
    private readonly plan: RatePlan,
    private readonly observer?: BudgetObserver,
  ) {
    for (const [name, windows] of Object.entries(plan.groups)) {
      this.groups.set(name, {
        name,
        limiters: windows.map((w) => {
          const { points, durationSeconds } = safeSlice(w);
          return new RateLimiterMemory({ points, duration: durationSeconds, keyPrefix: name });
        }),
      });
    }
    for (const [operation, share] of Object.entries(plan.slices ?? {})) {
      const windows = plan.groups[plan.groupOf(operation)] ?? [];
      this.slices.set(
        operation,
        windows.map((w) => {
          const { points, durationSeconds } = safeSlice({ limit: Math.max(1, Math.floor(w.limit * share)), windowSeconds: w.windowSeconds });
          return new RateLimiterMemory({ points, duration: durationSeconds, keyPrefix: `${operation}/slice` });
        }),
      );
    }
  }

  /** Follows what the vendor said of a group: no more than `remaining` requests until its count starts over. */
  follow(report: VendorRateReport): void {
    this.reported.set(report.group, { remaining: Math.max(0, report.remaining), until: Date.now() + Math.max(0, report.resetSeconds) * 1000 });
  }

  /**
   * Spends one point for this operation, waiting for it until `deadline` (epoch ms). Tenants that wait at once
   * take turns (FairTurns): a request yields while another tenant waits that was served less recently.
   */
  async spend(operation: string, deadline: number, signal: AbortSignal, tenant = ''): Promise<void> {
    const group = this.groups.get(this.plan.groupOf(operation));
    if (!group) return;
    const turns = this.turnsOf(group.name);
    const leave = turns.enter(tenant);
    const started = Date.now();
    let waited = false;
    const limiters = [...group.limiters, ...(this.slices.get(operation) ?? [])];
    try {
      for (;;) {
        const waitMs = turns.mayTake(tenant) ? this.vendorWait(group.name) || (await this.tryTake(limiters)) : YIELD_MS;
        if (waitMs === 0) break;
        if (Date.now() + waitMs > deadline) {
          this.observer?.budgetRefused(this.owner.vendor, this.owner.account, group.name);
          const seconds = Math.max(1, Math.ceil(waitMs / 1000));
          throw new RateLimitedError(`${this.owner.vendor} account "${this.owner.account}" has spent its ${group.name} request budget; the next request fits in ${seconds} s, after this operation's deadline.`, seconds);
        }
        await sleep(waitMs, signal);
        waited = true;
      }
      turns.took(tenant);
    } finally {
      leave();
    }
    const reported = this.reported.get(group.name);
    if (reported && reported.until > Date.now()) reported.remaining -= 1;
    if (waited) this.observer?.budgetWait(this.owner.vendor, this.owner.account, group.name, (Date.now() - started) / 1000);
  }

  /** The group's turns, in buckets of its shortest window's slice (the points it gives at once). */
  private turnsOf(group: string): FairTurns {
    let turns = this.turns.get(group);
    if (!turns) {
      const windows = [...(this.plan.groups[group] ?? [])].sort((a, b) => a.windowSeconds - b.windowSeconds);
      const shortest = windows[0] ? safeSlice(windows[0]) : null;
      turns = new FairTurns(shortest ? { bucketMs: shortest.durationSeconds * 1000, points: shortest.points } : undefined, (windows[0]?.windowSeconds ?? 60) * 1000);
      this.turns.set(group, turns);
    }
    return turns;
  }

  /** How long the vendor's last word on a group makes a request wait (0: it allows one now). */
  private vendorWait(group: string): number {
    const reported = this.reported.get(group);
    if (!reported || reported.until <= Date.now()) return 0;
    return reported.remaining > 0 ? 0 : Math.max(1, reported.until - Date.now());
  }

  /**
   * The budget as a step of the account's stack: every attempt spends a point before it is sent, and what
   * the vendor's answer says of its limits (read by `reports`) is followed from then on.
   */
  asPolicy(reports?: (response: UpstreamResponse<unknown>, operation: string) => readonly VendorRateReport[]): Policy {
    return (next) =>
      async (request, caller) => {
        try {
          await this.spend(request.operation, caller.deadline, caller.signal, caller.tenant);
        } catch (error) {
          if (caller.signal.aborted) throw abandonedError(request.operation, caller.signal);
          throw error;
        }
        const response = await next(request, caller);
        for (const report of reports?.(response, request.operation) ?? []) this.follow(report);
        return response;
      };
  }

  /** Takes a point from every limit of the group and slice (0), or gives back what it took and says how long to wait. */
  private async tryTake(limiters: readonly RateLimiterMemory[]): Promise<number> {
    const taken: RateLimiterMemory[] = [];
    let wait = 0;
    for (const limiter of limiters) {
      try {
        await limiter.consume('budget');
        taken.push(limiter);
      } catch (refusal) {
        wait = Math.max(wait, (refusal as RateLimiterRes).msBeforeNext + 1);
      }
    }
    if (wait > 0) await Promise.all(taken.map((limiter) => limiter.reward('budget')));
    return wait;
  }
}

/** Budgets by quota holder, made once and shared by every client that spends the same vendor quota. */
export class RateBudgets {
  private readonly budgets = new Map<string, RateBudget>();

  constructor(private readonly observer?: BudgetObserver) {}

  /** The budget of one quota holder (`key`), made on first use with `plan`. */
  forHolder(key: string, owner: { vendor: string; account: string }, plan: RatePlan): RateBudget {
    let budget = this.budgets.get(key);
    if (!budget) {
      budget = new RateBudget(owner, plan, this.observer);
      this.budgets.set(key, budget);
    }
    return budget;
  }
}

/** A plan with some groups' limits replaced (account configuration). */
export function withOverrides(plan: RatePlan, overrides: RateLimits | undefined): RatePlan {
  if (!overrides) return plan;
  return { groups: { ...plan.groups, ...overrides }, groupOf: (operation) => plan.groupOf(operation) };
}
