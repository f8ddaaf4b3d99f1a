import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ComposeInput, composeCallLog, offsetMinutes, spokenDuration } from '../../src/app-connect/note-composer';
import { formatMomentStyle } from '../../src/app-connect/moment-format';
import { FIXTURES } from '../support/fixtures';

interface ComposeCase {
  readonly seed: string;
  readonly settings: string;
  readonly logFormat: string;
  readonly timezoneOffset: string | number;
  readonly params: Omit<ComposeInput, 'callLog'>;
  readonly body: string;
  readonly update: { duration: number; note: string; recordingLink: string; result: string };
  readonly updated: string;
}

const { cases } = JSON.parse(readFileSync(join(FIXTURES, 'app-connect', 'compose-cases.json'), 'utf8')) as { cases: ComposeCase[] };
const seedRecord = (seed: string) => JSON.parse(readFileSync(join(FIXTURES, 'ringcentral', seed), 'utf8')) as Record<string, unknown>;

test("the note composer writes App Connect's bodies for the seeds' records, in every format and setting, and rewrites them in place on an update", () => {
  assert.equal(cases.length, 36);
  for (const c of cases) {
    const name = `${c.seed} ${c.settings} ${c.logFormat} ${c.timezoneOffset}`;
    const input: ComposeInput = { ...c.params, callLog: seedRecord(c.seed) };
    const body = composeCallLog(input);
    assert.equal(body, c.body, name);
    assert.equal(composeCallLog({ ...input, existingBody: body, ...c.update }), c.updated, `${name}, updated`);
  }
});

test('durations are spoken, offsets read as moment reads them, and dates formatted with its tokens', () => {
  assert.deepEqual([0, 1, 61, 3600, 3723, 7322].map(spokenDuration), ['0 seconds', '1 second', '1 minute, 1 second', '1 hour', '1 hour, 2 minutes, 3 seconds', '2 hours, 2 minutes, 2 seconds']);
  assert.equal(spokenDuration('pending'), 'pending');
  assert.deepEqual(['+05:30', '-03:00', 5, -300, 0, null].map(offsetMinutes), [330, -180, 300, -300, 0, 0]);
  const at = new Date('2026-03-07T21:04:05.006Z');
  assert.equal(formatMomentStyle(at, 'YYYY-MM-DD hh:mm:ss A', 0), '2026-03-07 09:04:05 PM');
  assert.equal(formatMomentStyle(at, 'DD/MM/YY H:m [at] Z', 180), '08/03/26 0:4 at +03:00');
  assert.equal(formatMomentStyle(at, 'ddd D MMM YYYY, h a', -330), 'Sat 7 Mar 2026, 3 pm');
});
