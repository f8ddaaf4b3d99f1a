import assert from 'node:assert/strict';
import { SortOrder, compareKeys } from '../../src/domain/ordering';
import { Provider } from '../../src/domain/provider';
import { SandboxDataSet } from '../../src/sandbox/dataset/sandbox-dataset';
import { SandboxVendor } from '../../src/sandbox/dataset/types';
import { CallSessionsPageDocument, CallSessionsPageQuery, CallSessionsPageQueryVariables, Provider as GraphQLProvider, WalkWithLegsDocument, WalkWithLegsQuery, VendorSessionsPlainDocument, VendorSessionsPlainQuery, VendorSessionsWithLegExtensionsDocument } from '../generated/graphql';
import { GraphQLResponse, TestServer } from './test-server';
import { WalkResult, walkPages } from './walks';

/** The sandbox's accounts, from the registries: each simulator's share of the data set and the demo account that reads it. */
export function sandboxAccounts(server: TestServer): Array<{ vendor: SandboxVendor; provider: Provider; account: string }> {
  return server.sandbox.simulators.map(({ module }, i) => {
    const account = server.sandbox.config.accounts[i]!;
    return { vendor: module.vendor, provider: account.provider, account: account.key };
  });
}

export interface TruthRow {
  readonly provider: Provider;
  readonly account: string;
  readonly nativeId: string;
  readonly startTime: number;
}

/**
 * The one ground truth of the tests: a data set's calls of some accounts (starting inside [from, to]), in
 * the engine's order.
 */
export function truthOf(dataSet: SandboxDataSet, accounts: ReadonlyArray<{ vendor: SandboxVendor; provider: Provider; account: string }>, order: SortOrder, window: { from?: number; to?: number } = {}): TruthRow[] {
  return accounts
    .flatMap(({ vendor, provider, account }) => dataSet.callsOf(vendor).map((c) => ({ provider, account, nativeId: dataSet.callKeyOf(vendor, c.id), startTime: c.start.getTime() })))
    .filter((row) => row.startTime >= (window.from ?? -Infinity) && row.startTime <= (window.to ?? Infinity))
    .sort((x, y) => compareKeys(x, y, order));
}

/** The ground truth of a test server's sandbox (of some providers, starting at or after `from`). */
export function groundTruth(server: TestServer, order: SortOrder, options: { providers?: readonly Provider[]; from?: number } = {}): TruthRow[] {
  const accounts = sandboxAccounts(server).filter((a) => !options.providers || options.providers.includes(a.provider));
  return truthOf(server.sandbox.dataSet, accounts, order, options.from !== undefined ? { from: options.from } : {});
}

/** Walks one vendor's sessions through GraphQL to the end; native ids in the order served. */
export async function walkVendor(server: TestServer, provider: Provider, order: SortOrder, first: number): Promise<string[]> {
  const result = await walkPages(
    async (after) => {
      const res: GraphQLResponse<VendorSessionsPlainQuery> = await server.gql(VendorSessionsPlainDocument, { providers: [provider as GraphQLProvider], first, after, orderBy: order });
      assert.equal(res.errors, undefined);
      const connection = res.data!.callSessions;
      return { ids: connection.edges.map((e) => e.node.nativeId), hasNextPage: connection.pageInfo.hasNextPage, endCursor: connection.pageInfo.endCursor };
    },
    { maxPages: 1000 },
  );
  return result.ids;
}

/** Fetches a recording URL whole and by Range, checking it is a playable WAV served as one. */
export async function assertRecordingStreams(server: TestServer, provider: Provider): Promise<void> {
  const res = await server.gql(VendorSessionsWithLegExtensionsDocument, { providers: [provider as GraphQLProvider], first: 100 });
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

/**
 * Vendor requests the sandbox's simulators have answered, all of them together, from their own counters: what
 * an attack test asserts (besides Callbridge's own count), since a simulator sees what really reached it.
 */
export function simulatorRequests(server: TestServer): number {
  return server.sandbox.simulators.reduce((n, { running }) => n + running.control.snapshot().total, 0);
}

/** The base URLs of the sandbox's simulators. */
export function simulatorUrls(server: TestServer): string[] {
  return server.sandbox.simulators.map(({ running }) => running.baseUrl);
}

/** Sets the same faults on every simulator (`{}` clears them). */
export async function setFaults(server: TestServer, faults: object, urls: readonly string[] = simulatorUrls(server)): Promise<void> {
  await Promise.all(urls.map((base) => fetch(`${base}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) })));
}

/** A walked id ("PROVIDER/account/nativeId") without its account, as the ground truth names rows ("PROVIDER/nativeId"). */
export const withoutAccount = (id: string): string => id.replace(/\/[^/]+\//, '/');

/**
 * Walks the merged connection through GraphQL over HTTP: ids as "PROVIDER/account/nativeId", and pages.
 * Every page must come without errors (use FAIL to walk under faults, with `page` retrying as it likes).
 */
export function walkConnection(
  server: TestServer,
  variables: Omit<CallSessionsPageQueryVariables, 'after'>,
  options: { apiKey?: string; withLegs?: boolean; between?: (page: number, idsSoFar: readonly string[]) => void | Promise<void>; page?: (after: string | null) => Promise<GraphQLResponse<CallSessionsPageQuery>> } = {},
): Promise<WalkResult> {
  return walkPages(
    async (after) => {
      const res: GraphQLResponse<CallSessionsPageQuery | WalkWithLegsQuery> = options.page
        ? await options.page(after)
        : options.withLegs
          ? await server.gql(WalkWithLegsDocument, { ...variables, after }, options.apiKey)
          : await server.gql(CallSessionsPageDocument, { ...variables, after }, options.apiKey);
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      const connection = res.data!.callSessions;
      if (options.withLegs) assert.ok((connection as WalkWithLegsQuery['callSessions']).edges.every((e) => Array.isArray(e.node.legs)), 'every session has its legs');
      return { ids: connection.edges.map((e) => `${e.node.provider}/${e.node.account}/${e.node.nativeId}`), hasNextPage: connection.pageInfo.hasNextPage, endCursor: connection.pageInfo.endCursor };
    },
    { between: options.between, maxPages: 1000 },
  );
}

export const truthId = (row: TruthRow): string => `${row.provider}/${row.account}/${row.nativeId}`;

/**
 * The vendor requests one filtered page made, read from its simulator's log (`log`), after checking the page
 * answered rows: what a test of push-down inspects.
 */
export async function requestsOfFilteredPage<R>(server: TestServer, filter: CallSessionsPageQueryVariables['filter'], log: () => readonly R[]): Promise<R[]> {
  const before = log().length;
  const res = await server.gql(CallSessionsPageDocument, { first: 5, filter });
  assert.equal(res.errors, undefined);
  assert.ok(res.data!.callSessions.edges.length > 0, 'the filtered page has rows');
  const asked = log().slice(before);
  assert.ok(asked.length >= 1, 'the vendor was asked');
  return asked;
}

/** Full walks of one vendor through GraphQL, in both orders, must equal the data set exactly. */
export async function assertFullWalks(server: TestServer, provider: Provider, calls: number): Promise<void> {
  for (const order of [SortOrder.START_TIME_DESC, SortOrder.START_TIME_ASC]) {
    const expected = groundTruth(server, order, { providers: [provider] }).map((row) => row.nativeId);
    assert.equal(expected.length, calls);
    assert.deepEqual(await walkVendor(server, provider, order, 100), expected, order);
  }
}
