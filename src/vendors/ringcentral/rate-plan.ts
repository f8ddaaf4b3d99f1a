import { RatePlan } from '../../upstream/rate-budget';

/**
 * RingCentral's rate groups and their default limits per user and app, sliding 60 s windows
 * (vendors.md §1.8; https://developers.ringcentral.com/guide/basics/rate-limits). Call log, bulk reads
 * and recordings are Heavy, the extension list Medium, one extension Light, token requests Auth.
 */
export const RC_RATE_PLAN: RatePlan = {
  groups: {
    Light: [{ limit: 50, windowSeconds: 60 }],
    Medium: [{ limit: 40, windowSeconds: 60 }],
    Heavy: [{ limit: 10, windowSeconds: 60 }],
    Auth: [{ limit: 5, windowSeconds: 60 }],
  },
  groupOf(operation) {
    if (operation === 'oauth.token') return 'Auth';
    if (operation === 'extension.list') return 'Medium';
    if (operation === 'extension.read') return 'Light';
    return 'Heavy';
  },
  // Recording downloads and metadata share Heavy with the call log: at most 30% and 20% of it, so listing
  // always keeps the rest.
  slices: { 'recording.content': 0.3, 'recording.metadata': 0.2 },
};
