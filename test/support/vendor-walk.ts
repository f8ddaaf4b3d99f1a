import assert from 'node:assert/strict';
import { Provider } from '../../src/domain/enums';
import { SortOrder, compareKeys, sortKeyOf } from '../../src/domain/ordering';
import { SandboxVendor } from '../../src/sandbox/dataset/types';
import { VendorSessionsPlainDocument, VendorSessionsPlainQuery, VendorSessionsWithLegExtensionsDocument } from '../generated/graphql';
import { GraphQLResponse, TestServer } from './test-server';

/** Walks one vendor's sessions through GraphQL to the end; native ids in the order served. */
export async function walkVendor(server: TestServer, provider: Provider, order: SortOrder, first: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const res: GraphQLResponse<VendorSessionsPlainQuery> = await server.gql(VendorSessionsPlainDocument, { providers: [provider], first, after: cursor, orderBy: order });
    assert.equal(res.errors, undefined);
    ids.push(...res.data!.callSessions.edges.map((e) => e.node.nativeId));
    if (!res.data!.callSessions.pageInfo.hasNextPage) return ids;
    cursor = res.data!.callSessions.pageInfo.endCursor!;
  }
  throw new Error('walk did not end');
}

/** The data set's calls of a vendor in the engine's order: the ground truth of a walk. */
export function groundTruth(server: TestServer, vendor: SandboxVendor, provider: Provider, account: string, order: SortOrder): string[] {
  return server.sandbox.dataSet
    .callsOf(vendor)
    .map((c) => ({ provider, account, nativeId: c.id, startTime: c.start }))
    .sort((x, y) => compareKeys(sortKeyOf(x as never), sortKeyOf(y as never), order))
    .map((s) => s.nativeId);
}

/** Fetches a recording URL whole and by Range, checking it is a playable WAV served as one. */
export async function assertRecordingStreams(server: TestServer, provider: Provider): Promise<void> {
  const res = await server.gql(VendorSessionsWithLegExtensionsDocument, { providers: [provider], first: 100 });
  const url = res.data!.callSessions.edges.flatMap((e) => e.node.recordings!).map((r) => r.url)[0]!;
  const whole = await fetch(url);
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get('content-type'), 'audio/wav');
  const bytes = Buffer.from(await whole.arrayBuffer());
  assert.equal(bytes.subarray(0, 4).toString('ascii'), 'RIFF');
  const part = await fetch(url, { headers: { range: 'bytes=0-9' } });
  assert.equal(part.status, 206);
  assert.deepEqual(Buffer.from(await part.arrayBuffer()), bytes.subarray(0, 10));
}

/** The sandbox's three accounts: data-set vendor, provider and account key. */
export const SANDBOX_ACCOUNTS: ReadonlyArray<readonly [SandboxVendor, Provider, string]> = [
  ['ringcentral', Provider.RINGCENTRAL, 'ringcentral-demo'],
  ['callgear', Provider.CALLGEAR, 'callgear-demo'],
  ['telphin', Provider.TELPHIN, 'telphin-demo'],
];

/** Every account's calls starting at or after `from`, merged in the engine's order: "PROVIDER/nativeId" and start. */
export function mergedGroundTruth(server: TestServer, order: SortOrder, from = 0): Array<{ id: string; startTime: number }> {
  return SANDBOX_ACCOUNTS.flatMap(([vendor, provider, account]) => server.sandbox.dataSet.callsOf(vendor).map((c) => ({ provider, account, nativeId: c.id, startTime: c.start })))
    .filter((s) => s.startTime.getTime() >= from)
    .sort((x, y) => compareKeys(sortKeyOf(x as never), sortKeyOf(y as never), order))
    .map((s) => ({ id: `${s.provider}/${s.nativeId}`, startTime: s.startTime.getTime() }));
}

/** The base URLs of the three simulators. */
export function simulatorUrls(server: TestServer): string[] {
  return [server.sandbox.ringcentral.baseUrl, server.sandbox.callgear.baseUrl, server.sandbox.telphin.baseUrl];
}

/** Sets the same faults on every simulator (`{}` clears them). */
export async function setFaults(server: TestServer, faults: object, urls: readonly string[] = simulatorUrls(server)): Promise<void> {
  await Promise.all(urls.map((base) => fetch(`${base}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) })));
}
