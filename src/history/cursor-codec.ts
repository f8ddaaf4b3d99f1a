import { BadUserInputError } from '../domain/errors';
import { PROVIDERS } from '../vendors/registry';
import { SortKey, SortOrder, compareKeys } from '../domain/ordering';
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

type WireKey = WireCursor['k'];

/** What one signature covers for the edges of a page: the walk, and the first and last keys of the page. */
interface WirePage extends Omit<WireCursor, 'k' | 'h'> {
  readonly r: readonly [WireKey, WireKey];
}

const PURPOSE = 'cursor';
const PAGE_PURPOSE = 'cursor-page';

export class CursorCodec {
  constructor(
    private readonly signer: Signer,
    private readonly maxAgeMs: number,
  ) {}

  encode(state: CursorState): string {
    const wire: WireCursor = {
      ...wireBase(state),
      k: wireKey(state.after),
      ...(state.hints ? { h: Object.fromEntries(Object.entries(state.hints).map(([account, hint]) => [account, hint === 'done' ? 'done' : { w: [hint.window.from, hint.window.to], p: hint.position }])) } : {}),
    };
    return this.signer.sign(PURPOSE, wire);
  }

  /**
   * The cursors of a page's edges (keys in walk order), signed once for the page rather than once per edge:
   * the signature covers the walk and the page's first and last keys, and each edge's cursor adds its own key
   * (`<page token>.<key>`). A key changed by hand is refused unless it still lies within the signed range, and
   * then it only names a position between rows that page already held, of the same tenant, filter and window.
   */
  encodeEdges(base: Omit<CursorState, 'after' | 'hints'>, keys: readonly SortKey[]): string[] {
    if (keys.length === 0) return [];
    const page: WirePage = { ...wireBase(base), r: [wireKey(keys[0]!), wireKey(keys[keys.length - 1]!)] };
    const token = this.signer.sign(PAGE_PURPOSE, page);
    return keys.map((key) => `${token}.${Buffer.from(JSON.stringify([key.startTime, key.provider, key.account, key.nativeId]), 'utf8').toString('base64url')}`);
  }

  /**
   * Decodes `after` and checks it belongs to this tenant, filter and order. Every failure is the same
   * BAD_USER_INPUT so a foreign tenant's cursor tells nothing about that tenant.
   */
  /** The state a cursor carries; `argument` names the argument it came in (after, or before when paging back). */
  decode(token: string, expected: { tenant: string; filterHash: string; order: SortOrder; now: number }, argument: 'after' | 'before' = 'after'): CursorState {
    const wire = typeof token === 'string' && token.split('.').length === 3 ? edgeWire(this.signer, token) : this.signer.verify(PURPOSE, token);
    if (!isWireCursor(wire) || wire.tn !== expected.tenant) {
      throw new BadUserInputError(`Argument "${argument}" is not a valid cursor for this query.`, argument);
    }
    if (wire.v !== CURSOR_VERSION || expected.now - wire.s > this.maxAgeMs) {
      throw new BadUserInputError(`Argument "${argument}" is a stale cursor: start the walk again without "${argument}".`, argument);
    }
    if (wire.fh !== expected.filterHash || wire.o !== expected.order) {
      throw new BadUserInputError(`Argument "${argument}" was made for another filter or order: use it with the same ones.`, argument);
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

function wireBase(state: Omit<CursorState, 'after' | 'hints'>): Omit<WireCursor, 'k' | 'h'> {
  return { v: state.version, tn: state.tenant, fh: state.filterHash, o: state.order, w: [state.window.from, state.window.to], s: state.startedAt };
}

function wireKey(k: SortKey): WireKey {
  return { t: k.startTime, p: k.provider, a: k.account, id: k.nativeId };
}

const keyOfWire = (k: WireKey): SortKey => ({ startTime: k.t, provider: k.p as SortKey['provider'], account: k.a, nativeId: k.id });

/** An edge cursor of encodeEdges as the wire cursor it stands for, or null when it is not a valid one. */
function edgeWire(signer: Signer, token: string): WireCursor | null {
  const dot = token.lastIndexOf('.');
  const page = signer.verify(PAGE_PURPOSE, token.slice(0, dot)) as WirePage | null;
  if (!page || !Array.isArray(page.r) || page.r.length !== 2) return null;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(token.slice(dot + 1), 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(key) || key.length !== 4) return null;
  const [t, p, a, id] = key as unknown[];
  const { r, ...base } = page;
  const wire = { ...base, k: { t, p, a, id } };
  if (!isWireCursor(wire) || !isWireKey(r[0]) || !isWireKey(r[1])) return null;
  // Within the page's signed range, in its order.
  const at = keyOfWire(wire.k);
  if (compareKeys(keyOfWire(r[0]), at, wire.o) > 0 || compareKeys(at, keyOfWire(r[1]), wire.o) > 0) return null;
  return wire;
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
    isWireKey(c['k']) &&
    (c['h'] === undefined || (typeof c['h'] === 'object' && c['h'] !== null))
  );
}

function isWireKey(value: unknown): value is WireKey {
  if (typeof value !== 'object' || value === null) return false;
  const k = value as Record<string, unknown>;
  return typeof k['t'] === 'number' && typeof k['p'] === 'string' && PROVIDERS.includes(k['p']) && typeof k['a'] === 'string' && typeof k['id'] === 'string';
}
