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
const VARIANTS: Record<string, { simulators: object; pageSize?: number }> = {
  'exclusive range ends': { simulators: { exclusiveRangeEnds: true }, pageSize: 25 },
  // The adapters ask for their largest pages; Telphin honours 100 of the 500 asked (its default cap).
  'pages capped below what is asked': { simulators: { perPageCap: 100 } },
};

for (const [variant, { simulators, pageSize }] of Object.entries(VARIANTS)) {
  describe(variant, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({
        callsPerVendor: 450,
        simulators: Object.fromEntries(SANDBOXES.map((module) => [module.vendor, simulators])),
        configure: (c) => ({ ...(pageSize ? withAccountSetting(c, 'pageSize', pageSize) : c), upstream: { ...c.upstream, listPageTtlSeconds: 0 } }),
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
