import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SortOrder } from '../../src/domain/ordering';
import { TestServer, startTestServer, withAccountSetting } from '../support/test-server';
import { groundTruth, walkConnection, withoutAccount } from '../support/vendor-walk';
import { callgearSandbox } from '../../src/sandbox/callgear/sandbox-module';
import { ringcentralSandbox } from '../../src/sandbox/ringcentral/sandbox-module';
import { telphinSandbox } from '../../src/sandbox/telphin/sandbox-module';

/**
 * Amortized paging: cursors resume at the vendor page they stopped in, inside the walk's fixed window, so
 * consecutive GraphQL pages read that vendor page from the cache. A `first: 25` walk over vendor pages of
 * 250 rows (1000 on RingCentral, whose Simple view has fixed pages) costs one list request per vendor page.
 */
const CALLS = 1200;
const PAGE_SIZE = 250;
const RC_PAGE = 1000;
let server: TestServer;

before(async () => {
  server = await startTestServer({
    callsPerVendor: CALLS,
    // Telphin honours the pages asked for here (the kind variant), so its page of rows is PAGE_SIZE.
    simulators: { telphin: { perPageCap: PAGE_SIZE } },
    configure: (c) => withAccountSetting(c, 'pageSize', PAGE_SIZE),
  });
});
after(async () => server.stop());

const truth = (order: SortOrder): string[] => groundTruth(server, order).map((row) => `${row.provider}/${row.nativeId}`);

/** Vendor list requests answered 200, read from each simulator's own counters. */
function listRequests(): Record<string, number> {
  const ok = (routes: Record<string, Record<string, number>>, name: string) => routes[name]?.['200'] ?? 0;
  return {
    ringcentral: ok(server.sandbox.running(ringcentralSandbox).control.snapshot().routes, 'GET /restapi/v1.0/account/~/call-log'),
    callgear: ok(server.sandbox.running(callgearSandbox).control.snapshot().routes, 'get.calls_report'),
    telphin: ok(server.sandbox.running(telphinSandbox).control.snapshot().routes, 'GET /api/ver1.0/client/@me/calls/'),
  };
}

async function walk(order: SortOrder, first: number): Promise<{ ids: string[]; pages: number }> {
  const { ids, pages } = await walkConnection(server, { first, orderBy: order, onProviderError: 'FAIL' });
  return { ids: ids.map(withoutAccount), pages };
}

/** The CallGear report pages a walk asked for: one key per (window, offset, order). */
function callgearPages(): string[] {
  return server.sandbox.running(callgearSandbox)
    .requestLog()
    .filter((r) => r.method === 'get.calls_report' && r.outcome === 'ok')
    .map((r) => JSON.stringify([r.params['date_from'], r.params['date_till'], r.params['offset'], r.params['sort']]));
}

for (const order of [SortOrder.START_TIME_DESC, SortOrder.START_TIME_ASC]) {
  test(`a first: 25 walk (${order}) costs at most one vendor list request per vendor page of rows`, async (t) => {
    const before = listRequests();
    const cgBefore = callgearPages().length;
    const { ids, pages } = await walk(order, 25);
    assert.deepEqual(ids, truth(order));
    const after = listRequests();
    const spent = Object.fromEntries(Object.entries(after).map(([vendor, n]) => [vendor, n - before[vendor]!]));
    // CallGear's reports are cut at a daylight-saving change: the repeated hour is read alone, and the report
    // on the far side of it ends with a short page of its own (at most 3 more requests than pages of rows).
    const cgPages = callgearPages().slice(cgBefore);
    // RingCentral lists newest first only and counts no totals: oldest first reads time slices that each fit
    // one page, and a slice found too full costs one more request (at most one per page of rows).
    const rcPages = Math.ceil(CALLS / RC_PAGE) * (order === SortOrder.START_TIME_ASC ? 2 : 1);
    const vendorPages = { ringcentral: rcPages, callgear: Math.ceil(CALLS / PAGE_SIZE) + 3, telphin: Math.ceil(CALLS / PAGE_SIZE) };
    t.diagnostic(`${ids.length} sessions in ${pages} GraphQL pages; vendor list requests ${JSON.stringify(spent)}; bounds ${JSON.stringify(vendorPages)}`);
    assert.equal(new Set(cgPages).size, cgPages.length, 'no CallGear report page was read twice');
    for (const vendor of Object.keys(vendorPages) as Array<keyof typeof vendorPages>) {
      assert.ok(spent[vendor]! <= vendorPages[vendor], `${vendor}: ${spent[vendor]} list requests for ${vendorPages[vendor]} vendor pages`);
    }
  });
}
