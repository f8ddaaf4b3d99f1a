import Database from 'better-sqlite3';

/** One change of the feed, as the copy applies it. */
export interface StoredChange {
  readonly kind: 'UPSERT' | 'DELETE';
  readonly id: string;
  readonly version: number;
  readonly session: {
    readonly provider: string;
    readonly account: string;
    readonly nativeId: string;
    readonly startTime: string;
    readonly duration?: number | null;
    readonly result: string;
  } | null;
}

/** An account the feed read again in full: what of it is held below `staleBefore` is gone. */
export interface StoredResync {
  readonly provider: string;
  readonly account: string;
  readonly staleBefore: number;
}

/**
 * The partner's copy of the call history in SQLite: one row per session (the whole session as JSON beside a
 * few columns to query by), tombstones for sessions the vendor deleted, and the feed's checkpoint. Each page
 * is applied in one transaction with its checkpoint, so a process killed at any moment leaves either the page
 * and its checkpoint, or neither: the next run asks for the page again (the feed delivers at least once).
 */
export class CallStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = new Database(path);
    // WAL: a reader (a report, the tests) never blocks the writer; NORMAL is durable at each commit in WAL mode.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS call_sessions (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        provider TEXT NOT NULL,
        account TEXT NOT NULL,
        native_id TEXT NOT NULL,
        start_time TEXT NOT NULL,
        duration INTEGER,
        result TEXT NOT NULL,
        session TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS call_sessions_start ON call_sessions (start_time);
      CREATE TABLE IF NOT EXISTS deleted_sessions (id TEXT PRIMARY KEY, version INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS feed_state (feed TEXT PRIMARY KEY, checkpoint TEXT NOT NULL, saved_at TEXT NOT NULL);
    `);
  }

  checkpoint(feed: string): string | null {
    const row = this.db.prepare('SELECT checkpoint FROM feed_state WHERE feed = ?').get(feed) as { checkpoint: string } | undefined;
    return row?.checkpoint ?? null;
  }

  /**
   * Applies a page and saves its checkpoint in one transaction. A change older than what the copy holds for
   * its id (a row or a tombstone with a version at least as high) is skipped: re-delivered pages change nothing.
   */
  applyPage(feed: string, changes: readonly StoredChange[], resyncs: readonly StoredResync[], checkpoint: string): { applied: number; skipped: number; removed: number } {
    const held = this.db.prepare(`SELECT MAX(version) AS version FROM (SELECT version FROM call_sessions WHERE id = @id UNION ALL SELECT version FROM deleted_sessions WHERE id = @id)`);
    const upsert = this.db.prepare(`
      INSERT INTO call_sessions (id, version, provider, account, native_id, start_time, duration, result, session)
      VALUES (@id, @version, @provider, @account, @nativeId, @startTime, @duration, @result, @json)
      ON CONFLICT (id) DO UPDATE SET version = excluded.version, duration = excluded.duration, result = excluded.result, start_time = excluded.start_time, session = excluded.session`);
    const unDelete = this.db.prepare('DELETE FROM deleted_sessions WHERE id = ?');
    const remove = this.db.prepare('DELETE FROM call_sessions WHERE id = ?');
    const tombstone = this.db.prepare('INSERT INTO deleted_sessions (id, version) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version');
    const goneOf = this.db.prepare('SELECT id FROM call_sessions WHERE provider = ? AND account = ? AND version < ?');
    const save = this.db.prepare(`INSERT INTO feed_state (feed, checkpoint, saved_at) VALUES (?, ?, ?) ON CONFLICT (feed) DO UPDATE SET checkpoint = excluded.checkpoint, saved_at = excluded.saved_at`);
    return this.db.transaction(() => {
      let applied = 0;
      for (const change of changes) {
        const current = (held.get({ id: change.id }) as { version: number | null }).version;
        if (current !== null && current >= change.version) continue;
        applied += 1;
        if (change.kind === 'DELETE' || change.session === null) {
          remove.run(change.id);
          tombstone.run(change.id, change.version);
        } else {
          const s = change.session;
          upsert.run({ id: change.id, version: change.version, provider: s.provider, account: s.account, nativeId: s.nativeId, startTime: s.startTime, duration: s.duration ?? null, result: s.result, json: JSON.stringify(s) });
          unDelete.run(change.id);
        }
      }
      // After a full re-read of an account, what it did not deliver again is gone (deleted while the vendor's change feed had lost track).
      let removed = 0;
      for (const resync of resyncs) {
        for (const { id } of goneOf.all(resync.provider, resync.account, resync.staleBefore) as Array<{ id: string }>) {
          remove.run(id);
          tombstone.run(id, resync.staleBefore);
          removed += 1;
        }
      }
      save.run(feed, checkpoint, new Date().toISOString());
      return { applied, skipped: changes.length - applied, removed };
    })();
  }

  /** Every session held, by id (for reports and tests). */
  sessions(): Array<{ id: string; version: number; duration: number | null; result: string; session: string }> {
    return this.db.prepare('SELECT id, version, duration, result, session FROM call_sessions ORDER BY start_time, id').all() as Array<{ id: string; version: number; duration: number | null; result: string; session: string }>;
  }

  close(): void {
    this.db.close();
  }
}
