import { AccountConfig } from '../config/config.schema';
import { Provider } from '../domain/enums';
import { generateWav } from '../sandbox/audio/wav';
import { SandboxDataSet } from '../sandbox/dataset/sandbox-dataset';
import { SandboxVendor } from '../sandbox/dataset/types';
import { WAV_CONTENT_TYPE, extensionFromSandbox, sessionFromSandbox } from '../sandbox/domain-view';
import { VendorAdapter } from '../vendors/adapter';
import { MemoryAdapter, MemoryPagingStyle } from '../vendors/memory/memory-adapter';
import { UpstreamSettings } from '../vendors/upstream-settings';
import { createRingCentralAdapter } from '../vendors/ringcentral/create-ringcentral-adapter';
import { createCallGearAdapter } from '../vendors/callgear/create-callgear-adapter';
import { CgCredentials } from '../vendors/callgear/client';
import { createTelphinAdapter } from '../vendors/telphin/create-telphin-adapter';

const SANDBOX_VENDOR: Record<Provider, SandboxVendor> = {
  [Provider.RINGCENTRAL]: 'ringcentral',
  [Provider.CALLGEAR]: 'callgear',
  [Provider.TELPHIN]: 'telphin',
};

/** In-memory sandbox accounts page like their vendors do (page numbers or offsets, the vendors' page sizes). */
const SANDBOX_PAGING: Record<Provider, { style: MemoryPagingStyle; size: number }> = {
  [Provider.RINGCENTRAL]: { style: 'page', size: 250 },
  [Provider.CALLGEAR]: { style: 'offset', size: 1000 },
  [Provider.TELPHIN]: { style: 'page', size: 100 },
};

/** The adapter of one configured account: the vendor's live adapter, or the sandbox data set in memory. */
export function createAccountAdapter(account: AccountConfig, upstream: UpstreamSettings, dataSet: SandboxDataSet | null): VendorAdapter {
  const provider = account.provider as Provider;
  if (account.source === 'live' && provider === Provider.RINGCENTRAL) {
    const { clientId, clientSecret, jwt } = account.credentials!;
    return createRingCentralAdapter(
      {
        key: account.key,
        ...(account.baseUrl ? { baseUrl: account.baseUrl } : {}),
        ...(account.mediaBaseUrl ? { mediaBaseUrl: account.mediaBaseUrl } : {}),
        credentials: { clientId: clientId!, clientSecret: clientSecret!, jwt: jwt! },
        ...(account.extensionId ? { extensionId: account.extensionId } : {}),
        ...(account.defaultCountry ? { defaultCountry: account.defaultCountry } : {}),
        ...(account.rateLimits ? { rateLimits: account.rateLimits } : {}),
      },
      upstream,
    );
  }
  if (account.source === 'live' && provider === Provider.CALLGEAR) {
    const { accessToken, login, password } = account.credentials!;
    const credentials: CgCredentials = accessToken ? { accessToken } : { login: login!, password: password! };
    return createCallGearAdapter(
      {
        key: account.key,
        ...(account.baseUrl ? { baseUrl: account.baseUrl } : {}),
        ...(account.mediaBaseUrl ? { mediaBaseUrl: account.mediaBaseUrl } : {}),
        credentials,
        timeZone: account.timeZone,
        ...(account.defaultCountry ? { defaultCountry: account.defaultCountry } : {}),
        ...(account.pageSize ? { pageSize: account.pageSize } : {}),
        ...(account.rateLimits ? { rateLimits: account.rateLimits } : {}),
      },
      upstream,
    );
  }
  if (account.source === 'live' && provider === Provider.TELPHIN) {
    const { clientId, clientSecret } = account.credentials!;
    return createTelphinAdapter(
      {
        key: account.key,
        ...(account.baseUrl ? { baseUrl: account.baseUrl } : {}),
        credentials: { clientId: clientId!, clientSecret: clientSecret! },
        ...(account.telphinClientId ? { telphinClientId: account.telphinClientId } : {}),
        ...(account.defaultCountry ? { defaultCountry: account.defaultCountry } : {}),
        ...(account.pageSize ? { pageSize: account.pageSize } : {}),
        ...(account.rateLimits ? { rateLimits: account.rateLimits } : {}),
      },
      upstream,
    );
  }
  if (!dataSet || account.source !== 'sandbox') throw new Error(`account ${account.key}: no adapter for ${provider} with source ${account.source}`);
  return createSandboxMemoryAdapter(provider, account.key, dataSet);
}

function createSandboxMemoryAdapter(provider: Provider, key: string, dataSet: SandboxDataSet): MemoryAdapter {
  const vendor = SANDBOX_VENDOR[provider];
  const sessions = dataSet.callsOf(vendor).map((call) => sessionFromSandbox(call, provider, key));
  const paging = SANDBOX_PAGING[provider];
  return new MemoryAdapter({
    provider,
    account: key,
    sessions: () => sessions,
    extensions: dataSet.extensionsOf(vendor).filter((ext) => ext.active).map((ext) => extensionFromSandbox(ext, provider, key)),
    pageSize: paging.size,
    pagingStyle: paging.style,
    recordingAudio: (id) => {
      const rec = dataSet.recording(vendor, id);
      return rec ? { bytes: generateWav(rec.id, rec.duration), contentType: WAV_CONTENT_TYPE } : null;
    },
  });
}
