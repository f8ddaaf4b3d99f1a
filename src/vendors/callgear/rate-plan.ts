import { RatePlan } from '../../upstream/rate-budget';

/**
 * CallGear charges one point per call against a per-minute and a per-day budget (vendors.md §2.3;
 * https://callgear.github.io/data_api/ "Limits"). The numbers are not published: 1 000 a minute and
 * 100 000 a day are our defaults, overridable per account. Recording links are plain downloads, not API calls.
 */
export const CG_RATE_PLAN: RatePlan = {
  groups: {
    points: [
      { limit: 1000, windowSeconds: 60 },
      { limit: 100_000, windowSeconds: 86_400 },
    ],
  },
  groupOf: (operation) => (operation.startsWith('media.') ? 'media' : 'points'),
};
