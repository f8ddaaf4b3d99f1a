import { BadUserInputError } from '../domain/errors';
import { PROVIDERS } from '../vendors/registry';
import { SortKey, SortOrder } from '../domain/ordering';
import { Signer } from '../lib/signer';
import { ResumePosition } from './resume-position';

export const CURSOR_VERSION = 1;

/** Per-account state carried between pages: where the vendor walk can resume, or that it is done. */
export type AccountHint = ResumePosition | 'done';

/** Everything a page needs to continue a walk exactly where the previous one stopped. */
export interface CursorState {
  readonly version: number;
  /** Tenant the cursor was made for. */
  readonly tenant: string;
  /** Hash of the normalized filter. */
  readonly filterHash: string;
  readonly order: SortOrder;
  /** The walk's window, epoch ms, fixed at the first page (its end is the snapshot bound asOf). */
  readonly window: { readonly from: number; readonly to: number };
  /** When the walk started (epoch ms): a cursor older than the configured age is stale. */
  readonly startedAt: number;
  /** The sort key of the last row returned (or of the scan frontier). */
  readonly after: SortKey;
  /** Per-account hints, by "provider/account". */
  readonly hints?: Readonly<Record<string, AccountHint>>;
}

/** The cursor as signed: compact keys, so a cursor stays short in URLs and variables. */
interface WireCursor {
  readonly v: number;
  readonly tn: string;
  readonly fh: string;
  readonly o: SortOrder;
  readonly w: readonly [number, number];
  readonly s: number;
  readonly k: { readonly t: number; readonly p: string; readonly a: string; readonly id: string };
  readonly h?: Readonly<Record<string, WireHint>>;
}

type WireHint = { readonly w: readonly [number, number]; readonly p: unknown } | 'done';

const PURPOSE = 'cursor';

export class CursorCodec {
  constructor(
    private readonly signer: Signer,
    private readonly maxAgeMs: number,
  ) {}

  encode(state: CursorState): string {
    const { after: k } = state;
    const wire: WireCursor = {
      v: state.version,
      tn: state.tenant,
      fh: state.filterHash,
      o: state.order,
      w: [state.window.from, state.window.to],
      s: state.startedAt,
      k: { t: k.startTime, p: k.provider, a: k.account, id: k.nativeId },
      ...(state.hints ? { h: Object.fromEntries(Object.entries(state.hints).map(([account, hint]) => [account, hint === 'done' ? 'done' : { w: [hint.window.from, hint.window.to], p: hint.position }])) } : {}),
    };
    return this.signer.sign(PURPOSE, wire);
  }

  /**
   * Decodes `after` and checks it belongs to this tenant, filter and order. Every failure is the same
   * BAD_USER_INPUT so a foreign tenant's cursor tells nothing about that tenant.
   */
  decode(token: string, expected: { tenant: string; filterHash: string; order: SortOrder; now: number }): CursorState {
    const wire = this.signer.verify(PURPOSE, token);
    if (!isWireCursor(wire) || wire.tn !== expected.tenant) {
      throw new BadUserInputError('Argument "after" is not a valid cursor for this query.', 'after');
    }
    if (wire.v !== CURSOR_VERSION || expected.now - wire.s > this.maxAgeMs) {
      throw new BadUserInputError('Argument "after" is a stale cursor: start the walk again without "after".', 'after');
    }
    if (wire.fh !== expected.filterHash || wire.o !== expected.order) {
      throw new BadUserInputError('Argument "after" was made for another filter or order: use it with the same ones.', 'after');
    }
    return {
      version: wire.v,
      tenant: wire.tn,
      filterHash: wire.fh,
      order: wire.o,
      window: { from: wire.w[0], to: wire.w[1] },
      startedAt: wire.s,
      after: { startTime: wire.k.t, provider: wire.k.p, account: wire.k.a, nativeId: wire.k.id },
      ...(wire.h ? { hints: Object.fromEntries(Object.entries(wire.h).map(([account, hint]) => [account, readHint(hint)])) } : {}),
    };
  }
}

/** A hint as the scan reads it; a malformed one becomes a window no request fits, so the scan ignores it. */
function readHint(hint: WireHint): AccountHint {
  if (hint === 'done') return 'done';
  const [from, to] = Array.isArray(hint?.w) ? hint.w : [NaN, NaN];
  return { window: { from: from as number, to: to as number }, position: hint?.p };
}

function isWireCursor(value: unknown): value is WireCursor {
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
    typeof k['p'] === 'string' &&
    PROVIDERS.includes(k['p']) &&
    typeof k['a'] === 'string' &&
    typeof k['id'] === 'string' &&
    (c['h'] === undefined || (typeof c['h'] === 'object' && c['h'] !== null))
  );
}
