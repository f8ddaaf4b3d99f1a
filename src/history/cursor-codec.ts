import { BadUserInputError } from '../domain/errors';
import { PROVIDERS, Provider } from '../domain/enums';
import { SortKey, SortOrder } from '../domain/ordering';
import { Signer } from '../lib/signer';
import { ResumePosition } from '../vendors/adapter';

export const CURSOR_VERSION = 1;

/** Per-account state carried between pages: where the vendor walk can resume, or that it is done. */
export type AccountHint = ResumePosition | 'done';

/** Everything a page needs to continue a walk exactly where the previous one stopped. */
export interface CursorState {
  readonly v: number;
  /** Tenant the cursor was made for. */
  readonly tn: string;
  /** Hash of the normalized filter. */
  readonly fh: string;
  readonly o: SortOrder;
  /** The walk's window, epoch ms, fixed at the first page (its end is the snapshot bound asOf). */
  readonly w: readonly [number, number];
  /** When the walk started (epoch ms): a cursor older than the configured age is stale. */
  readonly s: number;
  /** The sort key of the last row returned (or of the scan frontier). */
  readonly k: SortKey;
  /** Optional per-account hints. */
  readonly h?: Readonly<Record<string, AccountHint>>;
}

const PURPOSE = 'cursor';

export class CursorCodec {
  constructor(
    private readonly signer: Signer,
    private readonly maxAgeMs: number,
  ) {}

  encode(state: CursorState): string {
    return this.signer.sign(PURPOSE, state);
  }

  /**
   * Decodes `after` and checks it belongs to this tenant, filter and order. Every failure is the same
   * BAD_USER_INPUT so a foreign tenant's cursor tells nothing about that tenant.
   */
  decode(token: string, expected: { tenant: string; filterHash: string; order: SortOrder; now: number }): CursorState {
    const state = this.signer.verify(PURPOSE, token);
    if (!isCursorState(state) || state.tn !== expected.tenant) {
      throw new BadUserInputError('Argument "after" is not a valid cursor for this query.', 'after');
    }
    if (state.v !== CURSOR_VERSION || expected.now - state.s > this.maxAgeMs) {
      throw new BadUserInputError('Argument "after" is a stale cursor: start the walk again without "after".', 'after');
    }
    if (state.fh !== expected.filterHash || state.o !== expected.order) {
      throw new BadUserInputError('Argument "after" was made for another filter or order: use it with the same ones.', 'after');
    }
    return state;
  }
}

function isCursorState(value: unknown): value is CursorState {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  const k = c['k'] as Record<string, unknown> | undefined;
  const w = c['w'];
  return (
    typeof c['v'] === 'number' &&
    typeof c['tn'] === 'string' &&
    typeof c['fh'] === 'string' &&
    (c['o'] === SortOrder.START_TIME_ASC || c['o'] === SortOrder.START_TIME_DESC) &&
    Array.isArray(w) &&
    w.length === 2 &&
    w.every((n) => typeof n === 'number') &&
    typeof c['s'] === 'number' &&
    typeof k === 'object' &&
    k !== null &&
    typeof k['t'] === 'number' &&
    PROVIDERS.includes(k['p'] as Provider) &&
    typeof k['a'] === 'string' &&
    typeof k['id'] === 'string' &&
    (c['h'] === undefined || (typeof c['h'] === 'object' && c['h'] !== null))
  );
}
