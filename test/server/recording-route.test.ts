import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Provider } from '../support/providers';
import { Signer } from '../../src/lib/signer';
import { RecordingLinks } from '../../src/recordings/recording-links';
import { CallSessionsWithDetailDocument, RecordingFactsDocument } from '../generated/graphql';
import { RC_ONLY_KEY, TestServer, startTestServer } from '../support/test-server';
import { ringcentralSandbox } from '../../src/sandbox/ringcentral/sandbox-module';

const SECRET = 'test-signing-secret-test-signing-secret';
let server: TestServer;
let url: string;
let token: string;

before(async () => {
  server = await startTestServer();
  const res = await server.gql(CallSessionsWithDetailDocument, { first: 20, filter: { hasRecording: true, providers: ['RINGCENTRAL'] } });
  const recording = res.data!.callSessions.edges[0]!.node.recordings![0]!;
  url = recording.url;
  token = url.split('/recordings/')[1]!;
  assert.ok(new Date(recording.expiresAt).getTime() > Date.now());
});
after(async () => server.stop());

test('a RingCentral recording URL streams a playable WAV from the media host, honouring Range', async () => {
  const whole = await fetch(url);
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get('content-type'), 'audio/wav');
  assert.equal(whole.headers.get('accept-ranges'), 'bytes');
  const bytes = Buffer.from(await whole.arrayBuffer());
  assert.equal(bytes.subarray(0, 4).toString('ascii'), 'RIFF');
  assert.equal(bytes.subarray(8, 12).toString('ascii'), 'WAVE');
  assert.equal(Number(whole.headers.get('content-length')), bytes.length);

  const part = await fetch(url, { headers: { range: 'bytes=0-99' } });
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('content-range'), `bytes 0-99/${bytes.length}`);
  assert.deepEqual(Buffer.from(await part.arrayBuffer()), bytes.subarray(0, 100));

  const beyond = await fetch(url, { headers: { range: `bytes=${bytes.length + 10}-` } });
  assert.equal(beyond.status, 416);
  assert.equal(beyond.headers.get('content-range'), `bytes */${bytes.length}`);
});

test('a recording is downloaded from the vendor once: every Range request and HEAD after it is answered from the kept bytes', async () => {
  const rc = server.sandbox.running(ringcentralSandbox);
  const downloads = () => rc.requestLog().filter((r) => r.path.endsWith('/content')).length;
  const before = downloads();
  const whole = Buffer.from(await (await fetch(url)).arrayBuffer());
  for (let i = 0; i < 20; i++) {
    const start = i * 10;
    const part = await fetch(url, { headers: { range: `bytes=${start}-${start + 9}` } });
    assert.equal(part.status, 206);
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), whole.subarray(start, start + 10));
  }
  const head = await fetch(url, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(Number(head.headers.get('content-length')), whole.length);
  assert.equal((await head.arrayBuffer()).byteLength, 0, 'HEAD sends no body');
  assert.ok(downloads() - before <= 1, `vendor downloads: ${downloads() - before}`);
});

test('the URL carries no vendor credential', () => {
  assert.doesNotMatch(url, /token=|secret|sandbox-/i);
});

test('a tampered token is 403, an expired one 410, a forged one 403', async () => {
  const tampered = `${token.slice(0, 5)}${token[5] === 'a' ? 'b' : 'a'}${token.slice(6)}`;
  assert.equal((await fetch(`${server.url}/recordings/${tampered}`)).status, 403);
  const expired = new RecordingLinks(new Signer(SECRET), 60, () => Date.now() - 3 * 3600_000).link(server.url, {
    tenant: 'demo',
    provider: Provider.RINGCENTRAL,
    account: 'ringcentral-demo',
    nativeId: 'any',
  });
  assert.equal((await fetch(expired.url)).status, 410);
  const forged = new RecordingLinks(new Signer('another-secret-another-secret-another'), 600).link(server.url, {
    tenant: 'demo',
    provider: Provider.RINGCENTRAL,
    account: 'ringcentral-demo',
    nativeId: 'any',
  });
  assert.equal((await fetch(forged.url)).status, 403);
});

test("a tenant's link cannot reach an account outside that tenant", async () => {
  const res = await server.gql(CallSessionsWithDetailDocument, { first: 20, filter: { hasRecording: true } }, RC_ONLY_KEY);
  assert.ok(res.data!.callSessions.edges.every((e) => e.node.provider === 'RINGCENTRAL'));
  const grant = new RecordingLinks(new Signer(SECRET), 600).link(server.url, {
    tenant: 'demo-ringcentral',
    provider: Provider.CALLGEAR,
    account: 'callgear-demo',
    nativeId: 'any',
  });
  assert.equal((await fetch(grant.url)).status, 403);
});

test('a recording link replayed past its per-minute limit is refused with 429 and Retry-After', async () => {
  const tight = await startTestServer({ callsPerVendor: 100, configure: (c) => ({ ...c, recordings: { ...c.recordings, requestsPerLinkPerMinute: 3 } }) });
  try {
    const res = await tight.gql(CallSessionsWithDetailDocument, { first: 20, filter: { hasRecording: true, providers: ['RINGCENTRAL'] } });
    const link = res.data!.callSessions.edges[0]!.node.recordings![0]!.url;
    const statuses: number[] = [];
    let refused: Response | null = null;
    for (let i = 0; i < 5; i++) {
      const answer = await fetch(link, { headers: { range: 'bytes=0-9' } });
      statuses.push(answer.status);
      if (answer.status === 429) refused = answer;
      await answer.arrayBuffer();
    }
    assert.deepEqual(statuses, [206, 206, 206, 429, 429]);
    assert.ok(Number(refused!.headers.get('retry-after')) >= 1);
  } finally {
    await tight.stop();
  }
});

test("the sandbox's recordings are as long as the vendors say: CallGear's and Telphin's reported durations match the audio", async () => {
  let checked = 0;
  for (const provider of ['CALLGEAR', 'TELPHIN'] as const) {
    const res = await server.gql(RecordingFactsDocument, { first: 10, filter: { hasRecording: true, providers: [provider] } });
    for (const edge of res.data!.callSessions.edges.slice(0, 3)) {
      for (const recording of edge.node.recordings!) {
        if (recording.duration === null || recording.duration === undefined) continue;
        const audio = Buffer.from(await (await fetch(recording.url)).arrayBuffer());
        assert.equal(audio.toString('ascii', 0, 4), 'RIFF');
        // 8 kHz, 16-bit mono: 16,000 bytes a second after the 44-byte header.
        assert.equal(Math.round(audio.readUInt32LE(40) / 16_000), recording.duration, `${provider} ${recording.id}`);
        checked += 1;
      }
    }
  }
  assert.ok(checked >= 4, `${checked} recordings checked`);
});
