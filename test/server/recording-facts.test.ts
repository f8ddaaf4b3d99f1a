import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { RecordingFactsDocument, RecordingLinksDocument, RecordingNodeDocument } from '../generated/graphql';
import { RC_ONLY_KEY, TestServer, startTestServer } from '../support/test-server';
import { encodeGlobalId, tryDecodeGlobalId } from '../../src/history/global-id';
import { ringcentralSandbox } from '../../src/sandbox/ringcentral/sandbox-module';

/** A recording's length and format where the vendor gives them, and a recording read again by its id. */
let server: TestServer;
before(async () => {
  server = await startTestServer({ callsPerVendor: 150 });
});
after(async () => server.stop());

const rc = () => server.sandbox.running(ringcentralSandbox);
/** RingCentral's recording resource, GET /restapi/v1.0/account/{a}/recording/{id} (not its /content). */
const metadataReads = () => rc().requestLog().filter((r) => /\/recording\/[^/]+$/.test(r.path)).length;
const nativeIdOf = (id: string) => tryDecodeGlobalId(id)!.nativeId;
const faults = (body: object) => fetch(`${rc().baseUrl}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

test("RingCentral recordings take their length and format from the recording metadata: read only when selected, once", async () => {
  const filter = { providers: ['RINGCENTRAL' as const], hasRecording: true };
  const before = metadataReads();
  const links = await server.gql(RecordingLinksDocument, { first: 8, filter });
  assert.equal(links.errors, undefined);
  assert.ok(links.data!.callSessions.edges.length >= 4);
  assert.equal(metadataReads(), before, 'no metadata read when neither duration nor contentType is selected');

  const facts = await server.gql(RecordingFactsDocument, { first: 8, filter });
  assert.equal(facts.errors, undefined, JSON.stringify(facts.errors));
  const recordings = facts.data!.callSessions.edges.flatMap((e) => e.node.recordings!);
  for (const recording of recordings) {
    const kept = server.sandbox.dataSet.recording('ringcentral', nativeIdOf(recording.id));
    assert.ok(kept, recording.id);
    assert.equal(recording.duration, kept.duration, `${recording.id}: the vendor's duration`);
    assert.equal(recording.contentType, 'audio/wav');
  }
  assert.equal(metadataReads() - before, new Set(recordings.map((r) => r.id)).size, 'one read per recording');

  const again = await server.gql(RecordingFactsDocument, { first: 8, filter });
  assert.deepEqual(again.data!.callSessions.edges.flatMap((e) => e.node.recordings!.map((r) => [r.duration, r.contentType])), recordings.map((r) => [r.duration, r.contentType]));
  assert.equal(metadataReads() - before, new Set(recordings.map((r) => r.id)).size, 'kept: no read the second time');

  // The download is as long as the metadata says (8 kHz 16-bit mono WAV: 16,000 bytes a second).
  const audio = Buffer.from(await (await fetch(recordings[0]!.url)).arrayBuffer());
  assert.equal(Math.round(audio.readUInt32LE(40) / 16_000), recordings[0]!.duration);
});

test('CallGear and Telphin recordings give their length from the listing, no format, and cost no metadata read', async () => {
  for (const provider of ['CALLGEAR', 'TELPHIN'] as const) {
    const res = await server.gql(RecordingFactsDocument, { first: 5, filter: { providers: [provider], hasRecording: true } });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const recordings = res.data!.callSessions.edges.flatMap((e) => e.node.recordings!);
    assert.ok(recordings.length >= 3, provider);
    assert.ok(recordings.every((r) => Number.isInteger(r.duration) && r.duration! > 0), `${provider}: every duration from the listing`);
    assert.ok(recordings.every((r) => r.contentType === null), `${provider} does not say the format`);
  }
});

test('node(id) reads a recording of every vendor again; a recording of another session or another tenant is null', async () => {
  const byProvider = new Map<string, { id: string; duration: number | null; url: string; session: string }>();
  for (const provider of ['RINGCENTRAL', 'CALLGEAR', 'TELPHIN'] as const) {
    const res = await server.gql(RecordingFactsDocument, { first: 3, filter: { providers: [provider], hasRecording: true } });
    const edge = res.data!.callSessions.edges[0]!;
    const recording = edge.node.recordings![0]!;
    byProvider.set(provider, { ...recording, session: edge.node.id });
    const node = await server.gql(RecordingNodeDocument, { id: recording.id });
    assert.equal(node.errors, undefined, JSON.stringify(node.errors));
    assert.equal(node.data!.node!.__typename, 'Recording', provider);
    const read = node.data!.node as { id: string; duration: number | null; url: string; startTime: string | null };
    assert.equal(read.id, recording.id);
    assert.equal(read.duration, recording.duration, `${provider}: the same length`);
    assert.equal(new URL(read.url).pathname.split('/')[1], 'recordings');
    assert.equal((await fetch(read.url, { headers: { range: 'bytes=0-3' } })).status, 206, `${provider}: its link plays`);
  }
  // The recording named with another recorded session of its account: not found, not that session's recording.
  const rcRecording = tryDecodeGlobalId(byProvider.get('RINGCENTRAL')!.id)!;
  const otherSessions = await server.gql(RecordingLinksDocument, { first: 3, filter: { providers: ['RINGCENTRAL'], hasRecording: true } });
  const other = tryDecodeGlobalId(otherSessions.data!.callSessions.edges.find((e) => e.node.id !== byProvider.get('RINGCENTRAL')!.session)!.node.id)!;
  const misnamed = encodeGlobalId({ ...rcRecording, session: other.nativeId });
  assert.equal((await server.gql(RecordingNodeDocument, { id: misnamed })).data!.node, null);
  // A tenant without the CallGear account cannot read its recording.
  const foreign = await server.gql(RecordingNodeDocument, { id: byProvider.get('CALLGEAR')!.id }, RC_ONLY_KEY);
  assert.equal(foreign.errors, undefined);
  assert.equal(foreign.data!.node, null);
  // A recording id without its session is not an id.
  const bare = Buffer.from(['Recording', 'RINGCENTRAL', 'ringcentral-demo', rcRecording.nativeId].join('\u001f')).toString('base64url');
  const refused = await server.gql(RecordingNodeDocument, { id: bare });
  assert.equal(refused.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
});

test("a malformed recording metadata answer is a typed error on those fields alone: the call, its recording and link stay", async () => {
  // A window of its own with a fixed end, so both queries read the same kept vendor pages; its rows past the
  // first test's have no metadata kept yet.
  const filter = { providers: ['RINGCENTRAL' as const], hasRecording: true, to: new Date(Date.now() - 60_000).toISOString() };
  const listed = await server.gql(RecordingLinksDocument, { first: 30, filter });
  assert.equal(listed.errors, undefined);
  await faults({ malformedRate: 1 });
  try {
    const res = await server.gql(RecordingFactsDocument, { first: 30, filter });
    assert.ok(res.data, JSON.stringify(res.errors));
    const recordings = res.data!.callSessions.edges.flatMap((e) => e.node.recordings!);
    assert.equal(recordings.length, listed.data!.callSessions.edges.flatMap((e) => e.node.recordings!).length);
    assert.ok(recordings.every((r) => r.url.includes('/recordings/')), 'every link kept');
    const failed = recordings.filter((r) => r.duration === null);
    assert.ok(failed.length > 0, 'some metadata could not be read');
    assert.ok(res.errors && res.errors.length > 0);
    for (const error of res.errors!) {
      assert.equal(error.extensions?.['code'], 'UPSTREAM_UNAVAILABLE', JSON.stringify(error));
      assert.ok(['duration', 'contentType'].includes(String(error.path!.at(-1))), JSON.stringify(error.path));
      assert.doesNotMatch(error.message, /Bearer|access_token|stack/i);
    }
  } finally {
    await faults({});
  }
});
