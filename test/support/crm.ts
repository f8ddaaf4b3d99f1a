import { createSandboxDataSet } from '../../src/sandbox/registry';
import { CrmSimulatorOptions, RunningCrmSimulator, startCrmSimulator } from '../../src/sandbox/crm/crm-simulator';
import { AppConnectUser } from '../../src/app-connect/connector';

/** The sandbox CRM on a free port, its people from a small data set of every vendor. */
export async function startTestCrm(options: Partial<CrmSimulatorOptions> = {}): Promise<RunningCrmSimulator> {
  const dataSet = options.dataSet ?? createSandboxDataSet({ seed: 21, callsPerVendor: 120, days: 30, anchor: new Date() });
  return startCrmSimulator({ dataSet, vendors: ['ringcentral', 'callgear', 'telphin'], port: 0, ...options });
}

/** App Connect's user for the sandbox CRM. */
export const crmUser = (crm: RunningCrmSimulator, extra: Partial<AppConnectUser> = {}): AppConnectUser => ({ id: '7', hostname: crm.baseUrl, timezoneOffset: '+00:00', userSettings: {}, ...extra });

/** A CRM API request with the sandbox token (or another Authorization). */
export function crmFetch(crm: RunningCrmSimulator, path: string, init: { method?: string; body?: unknown; authorization?: string | null } = {}): Promise<Response> {
  const authorization = init.authorization === undefined ? `Bearer ${crm.token}` : init.authorization;
  return fetch(`${crm.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(authorization ? { authorization } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
}

export const setCrmFaults = (crm: RunningCrmSimulator, faults: object): Promise<Response> =>
  fetch(`${crm.baseUrl}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
