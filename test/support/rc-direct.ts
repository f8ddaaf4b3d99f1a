import { SandboxDataSet } from '../../src/sandbox/dataset/sandbox-dataset';
import { createSandboxDataSet } from '../../src/sandbox/registry';
import { RingCentralSimulatorOptions, RunningRingCentralSimulator, startRingCentralSimulator } from '../../src/sandbox/ringcentral/ringcentral-simulator';

/** A RingCentral simulator on free ports over a small data set, and a raw HTTP helper for talking to it. */
export async function startRc(options: Partial<RingCentralSimulatorOptions> = {}, calls = 200): Promise<RunningRingCentralSimulator & { dataSet: SandboxDataSet }> {
  const dataSet = options.dataSet ?? createSandboxDataSet({ seed: 7, callsPerVendor: calls, days: 30, anchor: new Date() });
  const sim = await startRingCentralSimulator({ port: 0, mediaPort: 0, ...options, dataSet });
  return Object.assign(sim, { dataSet });
}

export const BASIC = `Basic ${Buffer.from('sandbox-client:sandbox-secret').toString('base64')}`;

export async function token(baseUrl: string, form = 'grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=sandbox-jwt', auth = BASIC) {
  const res = await fetch(`${baseUrl}/restapi/oauth/token`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

export async function get(url: string, accessToken: string | null, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers: { ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}), ...headers } });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // multipart or audio
  }
  return { status: res.status, headers: res.headers, body, text };
}
