import { BadUserInputError } from '../domain/errors';
import { SortKey } from '../domain/ordering';
import { Signer } from '../lib/signer';
import { ResumePosition } from './resume-position';
import { TouchedSession } from '../vendors/adapter';

export const CHECKPOINT_VERSION = 1;
/** A checkpoint carries per-account memories: allowed longer than a cursor, still bounded. */
export const MAX_CHECKPOINT_CHARS = 64 * 1024;
const PURPOSE = 'change-checkpoint';

/** A window re-read in progress in one account: [from, to] (epoch ms), strictly after `after`. */
export interface WalkPosition {
  readonly from: number;
  readonly to: number;
  readonly after: SortKey | null;
  readonly resume: ResumePosition | null;
}

/** Where one account's part of the feed stands. */
export interface AccountPosition {
  /** Every session that started before it was delivered as of the read that passed it (epoch ms); null before the first walk ends. */
  readonly mark: number | null;
  /** The window being read, when a read is under way. */
  readonly walk: WalkPosition | null;
  /** The vendor's change token (RingCentral's syncToken), when the account follows the vendor's own change feed. */
  readonly token: string | null;
  /** When the account last asked the vendor's change feed (epoch ms). */
  readonly syncedAt: number | null;
  /** Sessions the vendor named as changed that are still to be read and delivered. */
  readonly pending: readonly TouchedSession[];
  /** What was delivered inside the lookback window (seen-sessions.ts), so that a re-read skips it. */
  readonly seen: string;
  /**
   * Set while the account is read again in full because its vendor's change feed lost track (a forced full
   * sync): the first version of that read. When it ends, whatever of the account was not delivered again is gone.
   */
  readonly resyncFrom: number | null;
}

/** Everything a feed page needs to go on where the previous one stopped. */
export interface Checkpoint {
  readonly tenant: string;
  readonly filterHash: string;
  /** Where the feed began (epoch ms): accounts new to the tenant start there too. */
  readonly since: number;
  /** The last version given out: the next page's versions are greater. */
  readonly clock: number;
  readonly accounts: Readonly<Record<string, AccountPosition>>;
}

/** Signs and reads checkpoints. They do not expire: they stay good for as long as the vendors keep the data. */
export class CheckpointCodec {
  constructor(private readonly signer: Signer) {}

  encode(checkpoint: Checkpoint): string {
    const token = this.signer.sign(PURPOSE, { v: CHECKPOINT_VERSION, ...checkpoint });
    if (token.length > MAX_CHECKPOINT_CHARS) throw new Error(`a checkpoint grew past ${MAX_CHECKPOINT_CHARS} characters`);
    return token;
  }

  /** The checkpoint, checked to be this tenant's and made for this filter; the same BAD_USER_INPUT for every foreign or broken one. */
  decode(token: string, expected: { tenant: string; filterHash: string }): Checkpoint {
    const wire = this.signer.verify(PURPOSE, token, MAX_CHECKPOINT_CHARS) as (Checkpoint & { v: number }) | null;
    if (!isCheckpoint(wire) || wire.tenant !== expected.tenant || wire.v !== CHECKPOINT_VERSION) {
      throw new BadUserInputError('Argument "after" is not a valid checkpoint for this feed.', 'after');
    }
    if (wire.filterHash !== expected.filterHash) {
      throw new BadUserInputError('Argument "after" was made for another filter: use it with the same one.', 'after');
    }
    const { v: _version, ...checkpoint } = wire;
    return checkpoint;
  }
}

function isCheckpoint(value: unknown): value is Checkpoint & { v: number } {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  const numbers = ['v', 'since', 'clock'].every((k) => typeof c[k] === 'number' && Number.isFinite(c[k]));
  return numbers && typeof c['tenant'] === 'string' && typeof c['filterHash'] === 'string' && typeof c['accounts'] === 'object' && c['accounts'] !== null && Object.values(c['accounts'] as object).every(isPosition);
}

function isPosition(value: unknown): value is AccountPosition {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  const nullableNumber = (v: unknown) => v === null || typeof v === 'number';
  const walk = p['walk'] as Record<string, unknown> | null;
  return (
    nullableNumber(p['mark']) &&
    nullableNumber(p['syncedAt']) &&
    (p['token'] === null || typeof p['token'] === 'string') &&
    Array.isArray(p['pending']) &&
    p['pending'].every((t) => typeof t === 'object' && t !== null && typeof t.nativeId === 'string' && typeof t.startTime === 'number') &&
    typeof p['seen'] === 'string' &&
    nullableNumber(p['resyncFrom']) &&
    (walk === null || (typeof walk === 'object' && typeof walk['from'] === 'number' && typeof walk['to'] === 'number'))
  );
}
