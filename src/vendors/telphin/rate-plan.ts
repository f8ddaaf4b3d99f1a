import { RatePlan } from '../../upstream/rate-budget';

/**
 * Telphin's limits (vendors.md §3.6; https://ucom4b.atlassian.net/wiki/spaces/RACD/pages/13598761): an hourly request quota
 * shared by every app of a client, whose number Telphin does not publish (100 000 is our default, overridable
 * per account), and at most 20 token requests a second.
 */
export const TP_RATE_PLAN: RatePlan = {
  groups: {
    api: [{ limit: 100_000, windowSeconds: 3600 }],
    oauth: [{ limit: 20, windowSeconds: 1 }],
  },
  groupOf: (operation) => (operation === 'oauth.token' ? 'oauth' : 'api'),
  // Recording downloads share the hourly quota with listing: at most 30% of it.
  slices: { 'record.read': 0.3 },
};
