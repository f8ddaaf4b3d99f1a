/**
 * Where each leg of a call sits on the explorer's timeline: pure arithmetic, so the picture can be checked
 * without a browser. A leg rings from its start until it is answered (or until it ends, unanswered), then
 * talks until its end; the scale spans the whole call. A leg answered at a time the vendor does not give
 * (RingCentral's legs have no answer time) is drawn talking throughout, its ringing unknown.
 */

export interface TimelineLeg {
  readonly startTime: string;
  readonly answerTime: string | null;
  /** Seconds from the leg's start to its end (ringing included), where known. */
  readonly duration: number | null;
  /** The leg's CallResult: ANSWERED says it was answered when no answer time does. */
  readonly result: string;
}

export interface LegBar {
  /** Pixels from the drawing's left edge; a width of zero draws nothing. */
  readonly ringX: number;
  readonly ringWidth: number;
  readonly talkX: number;
  readonly talkWidth: number;
  readonly answered: boolean;
  /** Seconds ringing (null: answered at a time the vendor does not give) and talking. */
  readonly ringSeconds: number | null;
  readonly talkSeconds: number;
}

export interface TimelineLayout {
  readonly startMs: number;
  readonly spanMs: number;
  readonly bars: readonly LegBar[];
  /** Axis ticks: pixels and seconds from the call's start. */
  readonly ticks: ReadonlyArray<{ readonly x: number; readonly seconds: number }>;
}

/** The narrowest bar drawn, so that a leg of a second still shows. */
export const MIN_BAR_PX = 2;

/**
 * Lays legs out on `width` pixels starting at `left`. A leg without a duration is drawn to its answer time
 * (or as a minimal bar), never guessed longer.
 */
export function layoutTimeline(legs: readonly TimelineLeg[], left: number, width: number): TimelineLayout {
  const spans = legs.map((leg) => {
    const start = Date.parse(leg.startTime);
    const answer = leg.answerTime === null ? null : Date.parse(leg.answerTime);
    const end = leg.duration !== null ? start + leg.duration * 1000 : (answer ?? start);
    const answered = answer !== null || leg.result === 'ANSWERED';
    return { start, answer: answer !== null && answer <= end ? answer : null, answered, end: Math.max(end, answer ?? end) };
  });
  const startMs = spans.length > 0 ? Math.min(...spans.map((s) => s.start)) : 0;
  const endMs = spans.length > 0 ? Math.max(...spans.map((s) => s.end)) : 0;
  const spanMs = Math.max(endMs - startMs, 1000);
  const x = (ms: number): number => left + ((ms - startMs) / spanMs) * width;
  const bars = spans.map((s): LegBar => {
    // Answered with no answer time: talking from the start, ringing unknown.
    const talkFrom = s.answered ? (s.answer ?? s.start) : null;
    const ringEnd = talkFrom ?? s.end;
    const ringX = x(s.start);
    const talkX = talkFrom === null ? ringX : x(talkFrom);
    return {
      ringX,
      ringWidth: ringEnd > s.start ? Math.max(x(ringEnd) - ringX, MIN_BAR_PX) : talkFrom === null ? MIN_BAR_PX : 0,
      talkX,
      talkWidth: talkFrom === null ? 0 : Math.max(x(s.end) - talkX, MIN_BAR_PX),
      answered: s.answered,
      ringSeconds: s.answered && s.answer === null ? null : Math.round((ringEnd - s.start) / 1000),
      talkSeconds: talkFrom === null ? 0 : Math.round((s.end - talkFrom) / 1000),
    };
  });
  const step = tickStep(spanMs / 1000);
  const ticks: Array<{ x: number; seconds: number }> = [];
  for (let seconds = 0; seconds * 1000 <= spanMs; seconds += step) ticks.push({ x: x(startMs + seconds * 1000), seconds });
  return { startMs, spanMs, bars, ticks };
}

/** A round tick step giving at most about six ticks. */
function tickStep(spanSeconds: number): number {
  for (const step of [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600]) if (spanSeconds / step <= 6) return step;
  return 7200;
}

/** "1:05", "12:00", "1:02:03": seconds as a clock. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
