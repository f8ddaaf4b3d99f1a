import { CallSession } from '../domain/call-session';
import { SortKey, SortOrder, compareKeys } from '../domain/ordering';
import { FoldRows } from '../vendors/paging-strategy';
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


  /** Whether a row at this instant belongs to another group. */
  endsBefore(key: SortKey): boolean {
    return this.rows.length > 0 && this.rows[0]!.key.startTime !== key.startTime;
  }

  /**
   * Holds a row. A row whose key is held already is folded into it: pages that shifted show a row twice, and
   * a vendor that keeps a call in several records lists them under one key (FoldRows; without it, the first stays).
   */
  add(row: ScannedRow, order: SortOrder, fold?: FoldRows): void {
    const at = this.rows.findIndex((held) => compareKeys(held.key, row.key, order) === 0);
    if (at < 0) this.rows.push(row);
    else if (fold) this.rows[at] = { ...this.rows[at]!, session: fold(this.rows[at]!.session, row.session) };
  }

  /** The rows in the exact total order; the group is empty afterwards. */
  drain(order: SortOrder): ScannedRow[] {
    const rows = this.rows.sort((x, y) => compareKeys(x.key, y.key, order));
    this.rows = [];
    return rows;
  }
}
