import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { encodeGlobalId } from '../../src/history/global-id';
import { CallSessionFiguresDocument, CallSessionsPageDocument } from '../generated/graphql';
import { sandboxAccounts } from '../support/vendor-walk';
import { TestServer, startTestServer } from '../support/test-server';
import { changeCall } from '../support/sandbox-calls';

/**
 * Vendors change a record after it was first served: the final duration and the recording arrive late
 * (RingCentral's records appear 15–30 s after a call ends, vendors.md §1.10; CallGear's only once it has
 * ended, §2.9). A read after the change shows the vendor's new figures, in every vendor.
 */
let server: TestServer;
before(async () => {
  // No kept pages: the second read must reach the vendor.
  server = await startTestServer({ callsPerVendor: 300, configure: (c) => ({ ...c, upstream: { ...c.upstream, listPageTtlSeconds: 0 } }) });
});
after(async () => server.stop());

test('a call read, then changed by its vendor (longer, recorded), is read again with its new duration and recording', async () => {
  for (const [i, { vendor, provider, account }] of sandboxAccounts(server).entries()) {
    const call = server.sandbox.dataSet.callsOf(vendor).find((c) => c.answer !== null && c.recordings.length === 0 && c.legs.some((l) => l.answer !== null && ['callee', 'forward', 'transfer'].includes(l.kind)))!;
    assert.ok(call, `${provider} has an answered call without a recording`);
    const nativeId = server.sandbox.dataSet.callKeyOf(vendor, call.id);
    const id = encodeGlobalId({ type: 'CallSession', provider, account, nativeId });
    const first = (await server.gql(CallSessionFiguresDocument, { id })).data!.callSession!;
    assert.equal(first.hasRecording, false, provider);
    assert.deepEqual(first.recordings ?? [], [], provider);

    const changed = await changeCall(server.sandbox.simulators[i]!.running.baseUrl, call.id, { extendSeconds: 120, addRecording: true });
    assert.equal(changed.status, 200, provider);

    // A new operation in a later second: its window is its own.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
    const second = (await server.gql(CallSessionFiguresDocument, { id })).data!.callSession!;
    assert.equal(second.hasRecording, true, `${provider}: the recording that arrived is shown`);
    assert.equal(second.recordings!.length, 1, provider);
    assert.equal(Date.parse(second.endTime!) - Date.parse(first.endTime!), 120_000, `${provider}: the call ends two minutes later`);
    assert.equal(second.duration! - first.duration!, 120, `${provider}: its duration grew by two minutes`);
    // Listings show the new figures too (vendors render list rows apart from reads by id).
    const second0 = Math.floor(call.start.getTime() / 1000) * 1000;
    const listed = await server.gql(CallSessionsPageDocument, { first: 50, filter: { from: new Date(second0).toISOString(), to: new Date(second0 + 999).toISOString() }, onProviderError: 'FAIL' });
    const row = listed.data!.callSessions.edges.find((e) => e.node.provider === provider && e.node.nativeId === nativeId);
    assert.equal(row?.node.duration, second.duration, `${provider}: the listing shows the new duration`);
  }
});

test('the control API refuses a change it cannot make', async () => {
  const base = server.sandbox.simulators[0]!.running.baseUrl;
  const patch = (id: string, body: object) => changeCall(base, id, body);
  const some = server.sandbox.dataSet.callsOf(sandboxAccounts(server)[0]!.vendor)[0]!.id;
  assert.equal((await patch('no-such-call', { extendSeconds: 5 })).status, 404);
  assert.equal((await patch(some, { extendSeconds: 0 })).status, 400);
  assert.equal((await patch(some, { addRecording: 'yes' })).status, 400);
  assert.equal((await patch(some, { duration: 5 })).status, 400);
  assert.equal((await patch(some, {})).status, 400, 'a change that changes nothing is refused');
  assert.equal((await patch(some, { addRecording: false })).status, 400);
});
