import { SortOrder } from '../../domain/ordering';
import { RepeatedSpan, repeatedSpans } from '../../lib/zoned-time';
import { TimeWindow } from '../paging-strategy';

/**
 * How a walk over CallGear's reports is cut into requests (vendors.md §2.2): a report spans at most three
 * months, an offset goes to 100 000 at most, and wall times repeat when clocks go back. A position is a chunk
 * of time [from, to] (epoch ms, inclusive) and an offset inside it; consecutive chunks tile the window.
 */
export interface CgPosition {
  readonly from: number;
  readonly to: number;
  readonly offset: number;
}

/** Chunks stay safely under "3 months" whatever the months' lengths and daylight-saving shifts. */
export const MAX_CHUNK_MS = 85 * 86_400_000;

export class CgWindows {
  constructor(private readonly zone: string) {}

  /** The chunk a walk of this window starts with. */
  first(window: TimeWindow, order: SortOrder): CgPosition {
    return order === SortOrder.START_TIME_DESC ? this.endingAt(window.to.getTime(), window) : this.startingAt(window.from.getTime(), window);
  }

  /** The chunk after this one in walk order, or null at the window's end. */
  next(position: CgPosition, window: TimeWindow, order: SortOrder): CgPosition | null {
    if (order === SortOrder.START_TIME_DESC) return position.from <= window.from.getTime() ? null : this.endingAt(position.from - 1, window);
    return position.to >= window.to.getTime() ? null : this.startingAt(position.to + 1, window);
  }

  /** The repeated span a chunk lies in, when it is one (such chunks are read whole, see the adapter). */
  repeatedSpanOf(position: CgPosition): RepeatedSpan | null {
    return this.spans(position.from, position.to).find((s) => s.from <= position.from && position.to < s.to) ?? null;
  }

  private startingAt(start: number, window: TimeWindow): CgPosition {
    const end = window.to.getTime();
    const spans = this.spans(start, Math.min(end, start + MAX_CHUNK_MS));
    const inside = spans.find((s) => s.from <= start && start < s.to);
    if (inside) return { from: start, to: Math.min(inside.to - 1, end), offset: 0 };
    const nextSpan = spans.find((s) => s.from > start);
    return { from: start, to: Math.min(end, start + MAX_CHUNK_MS - 1, nextSpan ? nextSpan.from - 1 : Infinity), offset: 0 };
  }

  private endingAt(end: number, window: TimeWindow): CgPosition {
    const start = window.from.getTime();
    const spans = this.spans(Math.max(start, end - MAX_CHUNK_MS), end);
    const inside = spans.find((s) => s.from <= end && end < s.to);
    if (inside) return { from: Math.max(inside.from, start), to: end, offset: 0 };
    const previous = spans.filter((s) => s.to <= end).pop();
    return { from: Math.max(start, end - MAX_CHUNK_MS + 1, previous ? previous.to : -Infinity), to: end, offset: 0 };
  }

  private spans(from: number, to: number): RepeatedSpan[] {
    return repeatedSpans(from, to, this.zone);
  }
}
