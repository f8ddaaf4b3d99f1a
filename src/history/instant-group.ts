import { CallSession } from '../domain/call-session';
import { SortKey, SortOrder, compareKeys } from '../domain/ordering';
import { ResumePosition } from './resume-position';

/** A row the scan read, with where a later page of the walk can resume to read it again. */
export interface ScannedRow {
  readonly session: CallSession;
  readonly key: SortKey;
  readonly resume: ResumePosition;
}

/**
 * The rows of one instant, collected whole before any is emitted: vendors order by startTime only and
 * stamp whole seconds, so rows sharing an instant come in any order and may straddle vendor pages.
 */
export class InstantGroup {
  private rows: ScannedRow[] = [];

  /** The instant (epoch ms) the group holds, or null when it is empty. */
  get instant(): number | null {
    return this.rows[0]?.key.startTime ?? null;
  }

  /** The resume position of the group's first row (where the instant can be read again whole). */
  get resume(): ResumePosition | null {
    return this.rows[0]?.resume ?? null;
  }

  isEmpty(): boolean {
    return this.rows.length === 0;
  }

  /** Whether a row with this key is already held (pages that shifted can show a row twice). */
  holds(key: SortKey, order: SortOrder): boolean {
    return this.rows.some((row) => compareKeys(row.key, key, order) === 0);
  }

  /** Whether a row at this instant belongs to another group. */
  endsBefore(key: SortKey): boolean {
    return this.rows.length > 0 && this.rows[0]!.key.startTime !== key.startTime;
  }

  add(row: ScannedRow): void {
    this.rows.push(row);
  }

  /** The rows in the exact total order; the group is empty afterwards. */
  drain(order: SortOrder): ScannedRow[] {
    const rows = this.rows.sort((x, y) => compareKeys(x.key, y.key, order));
    this.rows = [];
    return rows;
  }
}
