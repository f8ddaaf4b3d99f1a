import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MIN_BAR_PX, clock, layoutTimeline } from '../../examples/call-explorer/src/timeline-layout';

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1, 12, 0, seconds)).toISOString();

test('a leg rings until it is answered and talks until it ends, on a scale spanning the whole call', () => {
  // 0–10 s a leg nobody answered; 10–100 s a leg answered at 20 s.
  const layout = layoutTimeline(
    [
      { startTime: at(0), answerTime: null, duration: 10, result: 'MISSED' },
      { startTime: at(10), answerTime: at(20), duration: 90, result: 'ANSWERED' },
    ],
    100,
    500,
  );
  assert.equal(layout.spanMs, 100_000);
  const [missed, answered] = layout.bars;
  assert.deepEqual({ x: missed!.ringX, width: missed!.ringWidth, talk: missed!.talkWidth, answered: missed!.answered, ring: missed!.ringSeconds }, { x: 100, width: 50, talk: 0, answered: false, ring: 10 });
  assert.deepEqual(
    { ringX: answered!.ringX, ringWidth: answered!.ringWidth, talkX: answered!.talkX, talkWidth: answered!.talkWidth, ring: answered!.ringSeconds, talk: answered!.talkSeconds },
    { ringX: 150, ringWidth: 50, talkX: 200, talkWidth: 400, ring: 10, talk: 80 },
  );
  assert.deepEqual(layout.ticks.map((t) => t.seconds), [0, 30, 60, 90]);
  assert.equal(layout.ticks[1]!.x, 250);
});

test('a leg answered at a time the vendor does not give talks throughout, its ringing unknown', () => {
  const [bar] = layoutTimeline([{ startTime: at(0), answerTime: null, duration: 55, result: 'ANSWERED' }], 0, 550).bars;
  assert.deepEqual({ ring: bar!.ringWidth, talkX: bar!.talkX, talk: bar!.talkWidth, answered: bar!.answered, ringSeconds: bar!.ringSeconds, talkSeconds: bar!.talkSeconds }, { ring: 0, talkX: 0, talk: 550, answered: true, ringSeconds: null, talkSeconds: 55 });
});

test('a leg without a duration is drawn to its answer, or as a minimal bar, never guessed longer', () => {
  const layout = layoutTimeline(
    [
      { startTime: at(0), answerTime: null, duration: 60, result: 'ANSWERED' },
      { startTime: at(30), answerTime: null, duration: null, result: 'MISSED' },
    ],
    0,
    600,
  );
  assert.equal(layout.bars[1]!.ringWidth, MIN_BAR_PX);
  assert.equal(layout.bars[1]!.ringX, 300);
  assert.equal(layoutTimeline([], 0, 100).bars.length, 0);
});

test('clock reads seconds as minutes, and hours past an hour', () => {
  assert.deepEqual([clock(0), clock(65), clock(720), clock(3723)], ['0:00', '1:05', '12:00', '1:02:03']);
});
