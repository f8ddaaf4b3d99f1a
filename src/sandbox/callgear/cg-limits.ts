/**
 * CallGear's point limits (vendors.md §2.3, CGD index "Limits"): every successful call costs one point from
 * a per-minute and a per-day budget; when either is spent the call fails with -32029 limit_exceeded.
 * The real budgets are not published, so the simulator's are configurable.
 */
export interface CgLimitSettings {
  readonly minuteLimit: number;
  readonly dayLimit: number;
}

export interface CgLimitsReport {
  readonly day_limit: number;
  readonly day_remaining: number;
  readonly day_reset: number;
  readonly minute_limit: number;
  readonly minute_remaining: number;
  readonly minute_reset: number;
}

export class CgPointLimiter {
  private minute = { start: 0, used: 0 };
  private day = { start: 0, used: 0 };

  constructor(
    private readonly settings: CgLimitSettings,
    private readonly now: () => number,
  ) {}

  /** The budget that is spent, if any ('minute' first), before a call runs. */
  exceeded(): 'minute' | 'day' | null {
    this.roll();
    if (this.minute.used >= this.settings.minuteLimit) return 'minute';
    if (this.day.used >= this.settings.dayLimit) return 'day';
    return null;
  }

  /** Charges one point for a successful call. */
  charge(): void {
    this.roll();
    this.minute.used += 1;
    this.day.used += 1;
  }

  report(): CgLimitsReport {
    this.roll();
    const now = this.now();
    return {
      day_limit: this.settings.dayLimit,
      day_remaining: Math.max(0, this.settings.dayLimit - this.day.used),
      day_reset: Math.ceil((this.day.start + 86_400_000 - now) / 1000),
      minute_limit: this.settings.minuteLimit,
      minute_remaining: Math.max(0, this.settings.minuteLimit - this.minute.used),
      minute_reset: Math.ceil((this.minute.start + 60_000 - now) / 1000),
    };
  }

  limitOf(type: 'minute' | 'day'): number {
    return type === 'minute' ? this.settings.minuteLimit : this.settings.dayLimit;
  }

  private roll(): void {
    const now = this.now();
    // Fixed windows aligned to the clock: the minute and the (UTC) day.
    const minuteStart = Math.floor(now / 60_000) * 60_000;
    const dayStart = Math.floor(now / 86_400_000) * 86_400_000;
    if (this.minute.start !== minuteStart) this.minute = { start: minuteStart, used: 0 };
    if (this.day.start !== dayStart) this.day = { start: dayStart, used: 0 };
  }
}
