import { GENEROUS_RATE_LIMITS, testUpstream } from './upstream';
import { truthOf } from './vendor-walk';
import { SortOrder } from '../../src/domain/ordering';
import { SandboxDataSet } from '../../src/sandbox/dataset/sandbox-dataset';
import { createSandboxDataSet } from '../../src/sandbox/registry';
import { CallGearSimulatorOptions, RunningCallGearSimulator, startCallGearSimulator } from '../../src/sandbox/callgear/callgear-simulator';
import { DEFAULT_RETRY_POLICY, RetryPolicy } from '../../src/upstream/retry';
import { RequestCounter } from '../../src/upstream/request-counter';
import { TimeWindow } from '../../src/vendors/paging-strategy';
import { CallGearAdapter } from '../../src/vendors/callgear/callgear-adapter';
import { CgCredentials } from '../../src/vendors/callgear/cg-auth';
import { callgearModule } from '../../src/vendors/callgear/module';

/** A CallGear simulator on a free port over its own data set. */
export async function startCg(options: Partial<CallGearSimulatorOptions> = {}, data: Partial<Parameters<typeof createSandboxDataSet>[0]> = {}): Promise<RunningCallGearSimulator & { dataSet: SandboxDataSet }> {
  const dataSet = options.dataSet ?? createSandboxDataSet({ seed: 11, callsPerVendor: 200, days: 30, anchor: new Date(), vendors: ['callgear'], ...data });
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

/** A CallGear adapter on the simulator; like a live account, it learns the zone from get.account unless one is configured. */
export function cgAdapter(sim: RunningCallGearSimulator, options: { credentials?: CgCredentials; pageSize?: number; retry?: RetryPolicy; timeoutMs?: number; timeZone?: string; baseUrl?: string } = {}): CgAdapterUnderTest {
  const counter = new RequestCounter();
  const adapter = callgearModule.createAdapter(
    {
      key: 'cg-test',
      provider: 'CALLGEAR',
      baseUrl: options.baseUrl ?? sim.baseUrl,
      mediaBaseUrl: sim.mediaBaseUrl,
      credentials: options.credentials ?? { accessToken: 'sandbox-token' },
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
      rateLimits: GENEROUS_RATE_LIMITS.CALLGEAR,
    },
    testUpstream({ timeoutMs: options.timeoutMs ?? 5000, retry: options.retry ?? { ...DEFAULT_RETRY_POLICY, baseDelayMs: 10 }, counter }),
  );
  return { adapter: adapter as CallGearAdapter, counter };
}

/** The data set's CallGear calls inside a window: native id and start (epoch ms), from the one ground truth. */
export const truthIn = (dataSet: SandboxDataSet, window: TimeWindow): Map<string, number> =>
  new Map(truthOf(dataSet, [{ vendor: 'callgear', provider: 'CALLGEAR', account: 'cg-test' }], SortOrder.START_TIME_DESC, { from: window.from.getTime(), to: window.to.getTime() }).map((row) => [row.nativeId, row.startTime]));
