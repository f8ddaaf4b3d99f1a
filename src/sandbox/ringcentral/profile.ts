import { SandboxVendorProfile } from '../dataset/types';
import { sessionIds } from './rc-records';

/** RingCentral's share of the sandbox data set: a US company line, RingOut and FindMe/FollowMe calls, RingCentral-style ids. */
export const RINGCENTRAL_PROFILE: SandboxVendorProfile = {
  vendor: 'ringcentral',
  companyNumber: '+16505550100',
  externalPrefix: '+1212555',
  // Real call-log records carry milliseconds in startTime (vendors.md §1.10).
  subSecondStarts: true,
  scenarios: { inbound: 34, outbound: 24, internal: 6, transfer: 8, forward: 12, ringout: 16 },
  staff: { users: 12, queues: 1, ivrs: 1, firstNumber: 101 },
  // 12-digit extension ids, base62 call ids, numeric recording ids (seeds 000/001).
  extensionId: (random) => `4000000${random.chars('0123456789', 5)}`,
  callId: (random, serial) => `${random.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 10)}${String(serial).padStart(4, '0')}`,
  recordingId: (_random, serial) => String(5_000_000_000 + serial),
  // One call, one record per extension that took part, all sharing it (rc-call-records.ts).
  callKey: (callId) => sessionIds(callId).telephonySessionId,
};
