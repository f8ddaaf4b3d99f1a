import { GENEROUS_RATE_LIMITS, testUpstream } from './upstream';
import { SandboxDataSet } from '../../src/sandbox/dataset/sandbox-dataset';
import { createSandboxDataSet } from '../../src/sandbox/registry';
import { RunningTelphinSimulator, TelphinSimulatorOptions, startTelphinSimulator } from '../../src/sandbox/telphin/telphin-simulator';
import { DEFAULT_RETRY_POLICY, RetryPolicy } from '../../src/upstream/retry';
import { RequestCounter } from '../../src/upstream/request-counter';
import { telphinModule } from '../../src/vendors/telphin/module';
import { TelphinAdapter } from '../../src/vendors/telphin/telphin-adapter';

/** A Telphin simulator on a free port over its own data set, and raw HTTP helpers for talking to it. */
export async function startTp(options: Partial<TelphinSimulatorOptions> = {}, calls = 200): Promise<RunningTelphinSimulator & { dataSet: SandboxDataSet }> {
  const dataSet = options.dataSet ?? createSandboxDataSet({ seed: 13, callsPerVendor: calls, days: 30, anchor: new Date(), vendors: ['telphin'] });
  const sim = await startTelphinSimulator({ port: 0, ...options, dataSet });
  return Object.assign(sim, { dataSet });
}

export async function tpToken(baseUrl: string, form = 'grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret') {
  const res = await fetch(`${baseUrl}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

export async function tpGet(url: string, token: string | null, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  const buffer = Buffer.from(await res.arrayBuffer());
  let body: any = null;
  try {
    body = JSON.parse(buffer.toString('utf8'));
  } catch {
    // audio
  }
  return { status: res.status, headers: res.headers, body, buffer };
}

export function tpAdapter(sim: RunningTelphinSimulator, options: { retry?: RetryPolicy; pageSize?: number; secret?: string } = {}): { adapter: TelphinAdapter; counter: RequestCounter } {
  const counter = new RequestCounter();
  const adapter = telphinModule.createAdapter(
    { key: 'tp-test', provider: 'TELPHIN', baseUrl: sim.baseUrl, credentials: { clientId: 'sandbox-client', clientSecret: options.secret ?? 'sandbox-secret' }, defaultCountry: 'RU', ...(options.pageSize ? { pageSize: options.pageSize } : {}), rateLimits: GENEROUS_RATE_LIMITS.TELPHIN },
    testUpstream({ retry: options.retry ?? { ...DEFAULT_RETRY_POLICY, baseDelayMs: 10 }, counter }),
  );
  return { adapter: adapter as TelphinAdapter, counter };
}
