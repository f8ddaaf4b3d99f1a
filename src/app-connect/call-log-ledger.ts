import Database from 'better-sqlite3';

/** One CRM log per (tenant, session, connector): the ledger's key. */
export interface LedgerKey {
  readonly tenant: string;
  /** The session's global id. */
  readonly sessionId: string;
  readonly connector: string;
}

export interface LedgerEntry extends LedgerKey {
  /** `pending`: no CRM log is known yet; `logged`: the CRM has one (`logId`), maybe behind what is wanted. */
  readonly state: 'pending' | 'logged';
  /** The CRM's id of the log, once it answered. */
  readonly logId: string | null;
  /** What the CRM log should say (JSON, the caller's own shape), and its fingerprint. */
  readonly payload: string;
  readonly wanted: string;
  /** The fingerprint of what the CRM log says now (null before it exists). */
  readonly applied: string | null;
  /** Failed attempts since the last success. */
  readonly attempts: number;
  readonly lastError: string | null;
  /** When work is due (epoch ms); null when the CRM log says what is wanted. */
  readonly retryAt: number | null;
}

/** What a reservation found. */
export type Reservation =
  /** The caller holds the entry and creates the log; `recovering` when an earlier attempt may have created it (ask getCallLog first). */
  | { readonly kind: 'create'; readonly recovering: boolean; readonly entry: LedgerEntry }
  /** The caller holds the entry and updates the existing log to what is wanted. */
  | { readonly kind: 'update'; readonly logId: string; readonly entry: LedgerEntry }
  /** The CRM log says what is wanted: nothing to do. */
  | { readonly kind: 'logged'; readonly logId: string }
  /** Another caller holds it until then (epoch ms), or a failed attempt waits for its retry. */
  | { readonly kind: 'busy'; readonly until: number }
  /** Nothing was ever wanted for this key. */
  | { readonly kind: 'unknown' };

/**
 * The ledger of CRM logs, in SQLite (better-sqlite3 12): a log is reserved before the CRM is called, so that
 * concurrent requests, retries and restarts make one CRM activity per call. App Connect's own check and insert
 * happen around the CRM call and are not atomic (../shared/partner-integrations.md §1.2).
 *
 * Each entry holds what its CRM log should say (`want`) and what it says (`complete`): work is due while they
 * differ, and a failed attempt leaves the work pending with a retry time, so nothing is lost. A reservation is a
 * lease: when a holder dies between the CRM's answer and `complete`, the lease runs out and the next creation
 * comes back `recovering` (so does any creation after a failed one, whose request may have reached the CRM):
 * that caller asks the connector's getCallLog before it creates. Several processes may share the file: each
 * reservation is one IMMEDIATE transaction.
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
        state TEXT NOT NULL CHECK (state IN ('pending', 'logged')),
        log_id TEXT,
        payload TEXT NOT NULL,
        wanted TEXT NOT NULL,
        applied TEXT,
        create_tried INTEGER NOT NULL DEFAULT 0,
        holder TEXT,
        lease_until INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        retry_at INTEGER,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (tenant, session_id, connector)
      );
      CREATE INDEX IF NOT EXISTS call_logs_due ON call_logs (retry_at);
      CREATE TABLE IF NOT EXISTS positions (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  }

  /**
   * Says what the CRM log of a call should say: `make` gets the payload wanted so far (null for a new key) and
   * answers the new one, inside the transaction, so that what one writer added (a person's note) is kept by the
   * next. A new key is pending and due now; a known one is due again when the fingerprint differs from what its
   * log says, and keeps its backoff while a failed attempt waits.
   */
  want(key: LedgerKey, make: Want, now: number): void {
    this.db.transaction(() => this.wantNow(key, make, now)).immediate();
  }

  /**
   * Reserves the work on a call for `holder` until now + leaseMs, unless nothing is due or someone else holds
   * it. `force` ignores a failed attempt's backoff (a person asking now).
   */
  reserve(key: LedgerKey, holder: string, now: number, leaseMs: number, force = false): Reservation {
    return this.db
      .transaction((): Reservation => {
        const row = this.row(key);
        if (!row) return { kind: 'unknown' };
        if (row.holder !== null && row.holder !== holder && row.lease_until! > now) return { kind: 'busy', until: row.lease_until! };
        if (row.state === 'logged' && row.applied === row.wanted) return { kind: 'logged', logId: row.log_id! };
        if (!force && row.retry_at !== null && row.retry_at > now) return { kind: 'busy', until: row.retry_at };
        this.db
          .prepare(`UPDATE call_logs SET holder = @holder, lease_until = @until, create_tried = CASE WHEN state = 'pending' THEN 1 ELSE create_tried END, updated_at = @now WHERE ${KEY_MATCH}`)
          .run({ ...key, holder, until: now + leaseMs, now });
        const entry = entryOf(row);
        // An earlier creation that did not end in `complete` may have reached the CRM: a lease that ran out, a timeout, a lost answer.
        if (row.state === 'pending') return { kind: 'create', recovering: row.create_tried === 1, entry };
        return { kind: 'update', logId: row.log_id!, entry };
      })
      .immediate();
  }

  /** Records the CRM's log and the fingerprint it now says; false when `holder` no longer holds the entry. */
  complete(key: LedgerKey, holder: string, logId: string, applied: string, now: number): boolean {
    const result = this.db
      .prepare(
        `UPDATE call_logs SET state = 'logged', log_id = @logId, applied = @applied, holder = NULL, lease_until = NULL, attempts = 0, last_error = NULL,
           retry_at = CASE WHEN wanted = @applied THEN NULL ELSE @now END, updated_at = @now WHERE ${KEY_MATCH} AND holder = @holder`,
      )
      .run({ ...key, holder, logId, applied, now });
    return result.changes === 1;
  }

  /** Records a failed attempt: the work stays pending and is due again at `retryAt`. */
  fail(key: LedgerKey, holder: string, error: string, retryAt: number, now: number): boolean {
    const result = this.db
      .prepare(`UPDATE call_logs SET holder = NULL, lease_until = NULL, attempts = attempts + 1, last_error = @error, retry_at = @retryAt, updated_at = @now WHERE ${KEY_MATCH} AND holder = @holder`)
      .run({ ...key, holder, error: error.slice(0, 500), retryAt, now });
    return result.changes === 1;
  }

  /**
   * Work that may be done now: due entries nobody holds (or whose holder's lease ran out), the longest waiting
   * first; of one tenant's connector when it is named (two tenants may name their connectors alike).
   */
  due(now: number, limit: number, of?: { tenant: string; connector: string }): LedgerEntry[] {
    const rows = this.db
      .prepare(`SELECT * FROM call_logs WHERE retry_at <= @now AND (holder IS NULL OR lease_until <= @now) ${of ? 'AND tenant = @tenant AND connector = @connector' : ''} ORDER BY retry_at LIMIT @limit`)
      .all({ now, limit, tenant: of?.tenant, connector: of?.connector }) as Row[];
    return rows.map(entryOf);
  }

  /** Entries by state for one tenant's connector: logged and up to date, waiting for work, and failing (a failed attempt last). */
  counts(tenant: string, connector: string): { logged: number; pending: number; failing: number } {
    const row = this.db
      .prepare(
        `SELECT SUM(retry_at IS NULL) AS logged, SUM(retry_at IS NOT NULL) AS pending, SUM(retry_at IS NOT NULL AND attempts > 0) AS failing FROM call_logs WHERE tenant = @tenant AND connector = @connector`,
      )
      .get({ tenant, connector }) as { logged: number | null; pending: number | null; failing: number | null };
    return { logged: row.logged ?? 0, pending: row.pending ?? 0, failing: row.failing ?? 0 };
  }

  entry(key: LedgerKey): LedgerEntry | null {
    const row = this.row(key);
    return row ? entryOf(row) : null;
  }

  /** A named position (a change feed's checkpoint), kept in the same file so that it commits with the work it produced. */
  position(name: string): string | null {
    const row = this.db.prepare('SELECT value FROM positions WHERE name = ?').get(name) as { value: string } | undefined;
    return row?.value ?? null;
  }

  /** Wants a page of calls and moves the position past them in one transaction: a crash keeps both or neither. */
  wantAll(items: ReadonlyArray<{ key: LedgerKey; make: Want }>, position: { name: string; value: string }, now: number): void {
    this.db
      .transaction(() => {
        for (const item of items) this.wantNow(item.key, item.make, now);
        this.db.prepare('INSERT INTO positions (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run(position.name, position.value);
      })
      .immediate();
  }

  close(): void {
    this.db.close();
  }

  private wantNow(key: LedgerKey, make: Want, now: number): void {
    const { payload, fingerprint } = make(this.row(key)?.payload ?? null);
    this.db
      .prepare(
        `INSERT INTO call_logs (tenant, session_id, connector, state, payload, wanted, retry_at, updated_at) VALUES (@tenant, @sessionId, @connector, 'pending', @payload, @fingerprint, @now, @now)
         ON CONFLICT (tenant, session_id, connector) DO UPDATE SET payload = @payload, wanted = @fingerprint, updated_at = @now,
           retry_at = CASE WHEN state = 'logged' AND applied = @fingerprint THEN NULL ELSE COALESCE(retry_at, @now) END`,
      )
      .run({ ...key, payload, fingerprint, now });
  }

  private row(key: LedgerKey): Row | undefined {
    return this.db.prepare(`SELECT * FROM call_logs WHERE ${KEY_MATCH}`).get(key) as Row | undefined;
  }
}

/** The payload a CRM log should say, from the one wanted so far (null: none yet). */
export type Want = (previous: string | null) => { payload: string; fingerprint: string };

const KEY_MATCH = 'tenant = @tenant AND session_id = @sessionId AND connector = @connector';

interface Row {
  tenant: string;
  session_id: string;
  connector: string;
  state: LedgerEntry['state'];
  log_id: string | null;
  payload: string;
  wanted: string;
  applied: string | null;
  create_tried: number;
  holder: string | null;
  lease_until: number | null;
  attempts: number;
  last_error: string | null;
  retry_at: number | null;
}

function entryOf(row: Row): LedgerEntry {
  return {
    tenant: row.tenant,
    sessionId: row.session_id,
    connector: row.connector,
    state: row.state,
    logId: row.log_id,
    payload: row.payload,
    wanted: row.wanted,
    applied: row.applied,
    attempts: row.attempts,
    lastError: row.last_error,
    retryAt: row.retry_at,
  };
}
