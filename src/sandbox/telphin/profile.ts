import { SandboxVendorProfile } from '../dataset/types';

/** Telphin's share of the sandbox data set: a Moscow line, queues and IVR menus, Telphin-style ids. */
export const TELPHIN_PROFILE: SandboxVendorProfile = {
  vendor: 'telphin',
  companyNumber: '+74955550100',
  externalPrefix: '+7495555',
  scenarios: { inbound: 30, outbound: 26, internal: 6, transfer: 10, forward: 8, queue: 10, ivr: 10 },
  staff: { users: 11, queues: 2, ivrs: 1, firstNumber: 301 },
  // 6-digit extension ids, 32 upper-case hex call ids, "extension-uuid" record ids (seed 004).
  extensionId: (random) => String(random.int(400000, 499999)),
  callId: (random, serial) => `${random.chars('0123456789ABCDEF', 24)}${serial.toString(16).toUpperCase().padStart(8, '0')}`,
  recordingId: (random, _serial, extensionId) => `${extensionId}-${random.chars('0123456789ABCDEF', 32)}`,
};
