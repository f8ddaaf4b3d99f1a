import { GENEROUS_RATE_LIMITS, testUpstream } from './upstream';
import { Provider } from '../../src/domain/enums';
import { SortKey, SortOrder, sortKeyOf } from '../../src/domain/ordering';
import { SandboxDataSet } from '../../src/sandbox/dataset/sandbox-dataset';
import { CallGearSimulatorOptions, RunningCallGearSimulator, startCallGearSimulator } from '../../src/sandbox/callgear/callgear-simulator';
import { DEFAULT_RETRY_POLICY, RetryPolicy } from '../../src/upstream/retry';
import { RequestCounter } from '../../src/upstream/request-counter';
import { CallSession } from '../../src/domain/call-session';
import { ListSessionsRequest, ResumePosition, TimeWindow, VendorAdapter } from '../../src/vendors/adapter';
import { CallGearAdapter } from '../../src/vendors/callgear/callgear-adapter';
import { CgCredentials } from '../../src/vendors/callgear/client';
import { createCallGearAdapter } from '../../src/vendors/callgear/create-callgear-adapter';

/** A CallGear simulator on a free port over its own data set. */
export async function startCg(options: Partial<CallGearSimulatorOptions> = {}, data: Partial<ConstructorParameters<typeof SandboxDataSet>[0]> = {}): Promise<RunningCallGearSimulator & { dataSet: SandboxDataSet }> {
  const dataSet = options.dataSet ?? new SandboxDataSet({ seed: 11, callsPerVendor: 200, days: 30, anchor: new Date(), vendors: ['callgear'], ...data });
  const sim = await startCallGearSimulator({ port: 0, ...options, dataSet });
  return Object.assign(sim, { dataSet });
}

/** One raw JSON-RPC exchange (or any body) with the simulator. */
export async function rpc(baseUrl: string, method: string, params: Record<string, unknown> = {}, id: number | string = 1): Promise<any> {
  return rpcRaw(baseUrl, JSON.stringify({ jsonrpc: '2.0', id, method, params }));
}

export async function rpcRaw(baseUrl: string, body: string): Promise<any> {
  const res = await fetch(`${baseUrl}/v2.0`, { method: 'POST', headers: { 'content-type': 'application/json; charset=UTF-8' }, body });
  return { httpStatus: res.status, ...((await res.json()) as object) };
}

export interface CgAdapterUnderTest {
  readonly adapter: CallGearAdapter;
  readonly counter: RequestCounter;
}

export function cgAdapter(sim: RunningCallGearSimulator, options: { credentials?: CgCredentials; pageSize?: number; retry?: RetryPolicy; timeoutMs?: number } = {}): CgAdapterUnderTest {
  const counter = new RequestCounter();
  const adapter = createCallGearAdapter(
    {
      key: 'cg-test',
      baseUrl: sim.baseUrl,
      mediaBaseUrl: sim.mediaBaseUrl,
      credentials: options.credentials ?? { accessToken: 'sandbox-token' },
      timeZone: sim.timeZone,
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
      rateLimits: GENEROUS_RATE_LIMITS.CALLGEAR,
    },
    testUpstream({ timeoutMs: options.timeoutMs ?? 5000, retry: options.retry ?? { ...DEFAULT_RETRY_POLICY, baseDelayMs: 10 }, counter }),
  );
  return { adapter, counter };
}

/** Walks an adapter's window to the end the way the engine does (key after the last row, resume at the tail). */
export async function walkAdapter(adapter: VendorAdapter, window: TimeWindow, order: SortOrder, limit: number): Promise<CallSession[]> {
  const out: CallSession[] = [];
  let after: SortKey | null = null;
  let resume: ResumePosition | null = null;
  for (let guard = 0; guard < 100_000; guard++) {
    const request: ListSessionsRequest = { window, order, after, limit, filter: {}, withDetail: false, resume, maxVendorPages: 1000, signal: new AbortController().signal };
    const result = await adapter.listSessions(request);
    out.push(...result.rows.map((r) => r.session));
    if (result.exhausted || result.rows.length === 0) return out;
    after = sortKeyOf(result.rows[result.rows.length - 1]!.session);
    resume = result.tail;
  }
  throw new Error('walk did not end');
}

export const truthOf = (dataSet: SandboxDataSet, window: TimeWindow): Map<string, number> =>
  new Map(
    dataSet
      .callsOf('callgear')
      .filter((c) => c.start >= window.from && c.start <= window.to)
      .map((c) => [c.id, c.start.getTime()]),
  );

export { Provider };
