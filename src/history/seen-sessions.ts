import { createHash } from 'node:crypto';
import { CallSession } from '../domain/call-session';

/** Bytes per remembered delivery: 8 of a hash of the session and its state, 4 of its start (seconds). */
const ENTRY_BYTES = 12;

/**
 * What a session looks like to a partner, as one hash: every listed fact (times, durations, parties, result,
 * recordings) and its native id; not the legs a detailed read adds, so the hash is the same however the
 * session was read. Any change of those facts (a final duration, a recording, a result) changes the hash.
 */
export function stateHashOf(session: CallSession): Buffer {
  const { detail: _detail, recordIds, ...listed } = session;
  const canonical = JSON.stringify({ ...listed, recordIds: recordIds ? [...recordIds].sort() : null });
  return createHash('sha1').update(canonical).digest().subarray(0, 8);
}

/**
 * The deliveries an account's feed remembers inside its lookback window, so that a re-read of the window
 * delivers only what is new or changed. Packed (12 bytes each, base64 in the checkpoint) and capped: past
 * the cap the oldest are forgotten, and those sessions may be delivered again (at least once, never lost).
 */
export class SeenSessions {
  private readonly entries = new Map<string, number>();

  constructor(packed = '') {
    const bytes = Buffer.from(packed, 'base64');
    for (let at = 0; at + ENTRY_BYTES <= bytes.length; at += ENTRY_BYTES) {
      this.entries.set(bytes.subarray(at, at + 8).toString('base64'), bytes.readUInt32BE(at + 8));
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Whether this state of the session was delivered. */
  has(session: CallSession): boolean {
    return this.entries.has(stateHashOf(session).toString('base64'));
  }

  add(session: CallSession): void {
    this.entries.set(stateHashOf(session).toString('base64'), Math.floor(session.startTime.getTime() / 1000));
  }

  /** Packs the deliveries of sessions that started at or after `fromMs`, the newest `max` of them. */
  pack(fromMs: number, max: number): string {
    const kept = [...this.entries].filter(([, start]) => start * 1000 >= fromMs - 1000).sort((a, b) => b[1] - a[1]).slice(0, max);
    const bytes = Buffer.alloc(kept.length * ENTRY_BYTES);
    kept.forEach(([hash, start], i) => {
      Buffer.from(hash, 'base64').copy(bytes, i * ENTRY_BYTES);
      bytes.writeUInt32BE(start, i * ENTRY_BYTES + 8);
    });
    return bytes.toString('base64');
  }
}
