import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { RingCentralRecordsDocument, RingCentralRecordsQuery } from '../generated/graphql';
import { rcSchema } from '../support/rc-spec';
import { GraphQLResponse, TestServer, startTestServer } from '../support/test-server';

type Node = RingCentralRecordsQuery['callSessions']['edges'][number]['node'];

let server: TestServer;
before(async () => {
  server = await startTestServer({ callsPerVendor: 300 });
});
after(() => server.stop());

/** Every sandbox session of every vendor over the last 30 days, with its RingCentral record. */
async function everySession(): Promise<Node[]> {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const answer: GraphQLResponse<RingCentralRecordsQuery> = await server.gql(RingCentralRecordsDocument, { after });
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    nodes.push(...answer.data!.callSessions.edges.map((e) => e.node));
    if (!answer.data!.callSessions.pageInfo.hasNextPage) return nodes;
    after = answer.data!.callSessions.pageInfo.endCursor!;
  }
  throw new Error('the walk did not end');
}

test("every sandbox session of every vendor, as a RingCentral record, validates against the spec's CallLogRecord", async () => {
  const validate = rcSchema('schemas/CallLogRecord');
  const nodes = await everySession();
  const byVendor: Record<string, number> = {};
  for (const node of nodes) {
    const record = node.ringCentralRecord as Record<string, any>;
    assert.ok(validate(record), `${node.provider} ${node.id}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    // The ids are the session's global id; direction exactly Inbound or Outbound; the recording is our signed link.
    assert.deepEqual([record['id'], record['sessionId'], record['telephonySessionId']], [node.id, node.id, node.id]);
    assert.equal(record['direction'], node.direction === 'INBOUND' ? 'Inbound' : 'Outbound');
    if (node.recordings!.length > 0) {
      assert.equal(record['recording'].link, node.recordings![0]!.url);
      assert.equal(record['recording'].contentUri, node.recordings![0]!.url);
      assert.ok(record['recording'].link.startsWith(server.url), 'a Callbridge link, never a vendor URL');
    } else assert.equal(record['recording'], undefined);
    assert.ok(Array.isArray(record['legs']) && record['legs'].length > 0, 'legs in order');
    byVendor[node.provider] = (byVendor[node.provider] ?? 0) + 1;
  }
  assert.deepEqual(Object.keys(byVendor).sort(), ['CALLGEAR', 'RINGCENTRAL', 'TELPHIN']);
  console.log(`# ${nodes.length} sessions as RingCentral records validated against CallLogRecord: ${JSON.stringify(byVendor)}`);
});
