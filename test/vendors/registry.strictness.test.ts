import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SortOrder } from '../../src/domain/ordering';
import { SANDBOXES } from '../../src/sandbox/registry';
import { TestServer, startTestServer, withAccountSetting } from '../support/test-server';
import { groundTruth, truthId, walkConnection } from '../support/vendor-walk';

/**
 * Every vendor in the registry survives its simulator's strict variants: full walks in both orders, with
 * legs, equal the ground truth exactly. Small vendor pages (the engine restarts from open instants often)
 * and no kept pages, so every variant is met many times.
 */
const VARIANTS: Record<string, object> = {
  'exclusive range ends': { exclusiveRangeEnds: true },
};

for (const [variant, options] of Object.entries(VARIANTS)) {
  describe(variant, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({
        callsPerVendor: 400,
        simulators: Object.fromEntries(SANDBOXES.map((module) => [module.vendor, options])),
        configure: (c) => ({ ...withAccountSetting(c, 'pageSize', 25), upstream: { ...c.upstream, listPageTtlSeconds: 0 } }),
      });
    });
    after(async () => server.stop());

    for (const order of [SortOrder.START_TIME_DESC, SortOrder.START_TIME_ASC]) {
      test(`a full walk (${order}) with legs equals the ground truth`, async () => {
        const { ids } = await walkConnection(server, { first: 60, orderBy: order }, { withLegs: true });
        assert.deepEqual(ids, groundTruth(server, order).map(truthId));
      });
    }
  });
}
