import { SandboxVendorProfile } from '../dataset/types';

/** CallGear's share of the sandbox data set: a Berlin line, queues, CallGear-style numeric ids. */
export const CALLGEAR_PROFILE: SandboxVendorProfile = {
  vendor: 'callgear',
  companyNumber: '+493055501000',
  externalPrefix: '+4930555',
  scenarios: { inbound: 38, outbound: 28, internal: 4, transfer: 12, queue: 18 },
  staff: { users: 11, queues: 1, ivrs: 0, firstNumber: 201 },
  // Employee numbers, numeric call session ids, hex record names (seed 002).
  extensionId: (random) => String(random.int(100000, 999999)),
  callId: (_random, serial) => String(3_000_000_000 + serial * 7),
  recordingId: (random) => random.chars('0123456789abcdef', 32),
};
