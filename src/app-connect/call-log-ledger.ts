import Database from 'better-sqlite3';

/** One CRM log per (tenant, session, connector): the ledger's key. */
export interface LedgerKey {
  readonly tenant: string;
  /** The session's global id. */
  readonly sessionId: string;
  readonly connector: string;
}

export interface LedgerEntry extends LedgerKey {
  readonly state: 'reserved' | 'logged' | 'failed';
  /** The CRM's id of the log, once it answered. */
  readonly logId: string | null;
  /** Failed attempts so far. */
  readonly attempts: number;
  readonly lastError: string | null;
  /** A failed entry may be tried again from then (epoch ms). */
  readonly retryAt: number | null;
}

/** What a reservation found. */
export type Reservation =
  /** The caller holds the entry and calls the CRM; `recovering` when an earlier holder died before recording its answer. */
  | { readonly kind: 'reserved'; readonly recovering: boolean; readonly entry: LedgerEntry }
  /** The call is logged already: update it, never create it again. */
  | { readonly kind: 'logged'; readonly logId: string }
  /** Another caller holds it until then (epoch ms): it is being logged now. */
  | { readonly kind: 'busy'; readonly until: number };

/**
 * The ledger of CRM logs, in SQLite (better-sqlite3 12): a log is reserved before the CRM is called, so that
 * concurrent requests, retries and restarts make one CRM activity per call. App Connect's own check and insert
 * happen around the CRM call and are not atomic (../shared/partner-integrations.md §1.2).
 *
 * A reservation is a lease. When a holder dies between the CRM's answer and `complete`, its lease runs out, and
 * the next reservation comes back `recovering`: that caller asks the connector's getCallLog for the log before it
 * creates one. Several processes may share the file: each reservation is one IMMEDIATE transaction.
 */
export class CallLogLedger {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // Another process's transaction holds the file briefly: wait for it rather than fail.
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS call_logs (
        tenant TEXT NOT NULL,
        session_id TEXT NOT NULL,
        connector TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('reserved', 'logged', 'failed')),
        log_id TEXT,
        holder TEXT,
        lease_until INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        retry_at INTEGER,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (tenant, session_id, connector)
      );
      CREATE INDEX IF NOT EXISTS call_logs_due ON call_logs (state, retry_at);
    `);
  }

  /** Reserves the log of a call for `holder` until now + leaseMs, unless it is logged or held by someone else. */
  reserve(key: LedgerKey, holder: string, now: number, leaseMs: number): Reservation {
    return this.db
      .transaction((): Reservation => {
        const row = this.row(key);
        if (row?.state === 'logged') return { kind: 'logged', logId: row.log_id! };
        if (row?.state === 'reserved' && row.holder !== holder && row.lease_until! > now) return { kind: 'busy', until: row.lease_until! };
        if (row?.state === 'failed' && row.retry_at !== null && row.retry_at > now) return { kind: 'busy', until: row.retry_at };
        // A reservation whose lease ran out: its holder may have created the log and died before recording it.
        const recovering = row?.state === 'reserved' && row.holder !== holder;
        this.db
          .prepare(
            `INSERT INTO call_logs (tenant, session_id, connector, state, holder, lease_until, updated_at) VALUES (@tenant, @sessionId, @connector, 'reserved', @holder, @until, @now)
             ON CONFLICT (tenant, session_id, connector) DO UPDATE SET state = 'reserved', holder = @holder, lease_until = @until, updated_at = @now`,
          )
          .run({ ...key, holder, until: now + leaseMs, now });
        return { kind: 'reserved', recovering, entry: entryOf(this.row(key)!) };
      })
      .immediate();
  }

  /** Records the CRM's log id; false when `holder` no longer holds the entry (its lease ran out and another took it). */
  complete(key: LedgerKey, holder: string, logId: string, now: number): boolean {
    const result = this.db
      .prepare(`UPDATE call_logs SET state = 'logged', log_id = @logId, holder = NULL, lease_until = NULL, last_error = NULL, retry_at = NULL, updated_at = @now WHERE tenant = @tenant AND session_id = @sessionId AND connector = @connector AND state = 'reserved' AND holder = @holder`)
      .run({ ...key, holder, logId, now });
    return result.changes === 1;
  }

  /** Records a failed attempt: the entry stays pending and may be tried again from `retryAt`. */
  fail(key: LedgerKey, holder: string, error: string, retryAt: number, now: number): boolean {
    const result = this.db
      .prepare(`UPDATE call_logs SET state = 'failed', holder = NULL, lease_until = NULL, attempts = attempts + 1, last_error = @error, retry_at = @retryAt, updated_at = @now WHERE tenant = @tenant AND session_id = @sessionId AND connector = @connector AND state = 'reserved' AND holder = @holder`)
      .run({ ...key, holder, error: error.slice(0, 500), retryAt, now });
    return result.changes === 1;
  }

  /** Calls not logged yet that may be tried now: failed ones due for a retry, and reservations whose holder died. */
  due(now: number, limit: number): LedgerEntry[] {
    const rows = this.db
      .prepare(`SELECT * FROM call_logs WHERE (state = 'failed' AND retry_at <= @now) OR (state = 'reserved' AND lease_until <= @now) ORDER BY updated_at LIMIT @limit`)
      .all({ now, limit }) as Row[];
    return rows.map(entryOf);
  }

  entry(key: LedgerKey): LedgerEntry | null {
    const row = this.row(key);
    return row ? entryOf(row) : null;
  }

  close(): void {
    this.db.close();
  }

  private row(key: LedgerKey): Row | undefined {
    return this.db.prepare('SELECT * FROM call_logs WHERE tenant = @tenant AND session_id = @sessionId AND connector = @connector').get(key) as Row | undefined;
  }
}

interface Row {
  tenant: string;
  session_id: string;
  connector: string;
  state: LedgerEntry['state'];
  log_id: string | null;
  holder: string | null;
  lease_until: number | null;
  attempts: number;
  last_error: string | null;
  retry_at: number | null;
}

function entryOf(row: Row): LedgerEntry {
  return { tenant: row.tenant, sessionId: row.session_id, connector: row.connector, state: row.state, logId: row.log_id, attempts: row.attempts, lastError: row.last_error, retryAt: row.retry_at };
}
