#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { CallSessionChangesPageDocument, Provider } from './generated/graphql';
import { FeedClient } from './feed-client';
import { CallStore } from './store';

/**
 * The partner-sync example: keeps a SQLite copy of the call history current through Callbridge's change feed
 * (docs/partner-sync.md). Each run goes on from the checkpoint saved in the database, reads pages until the
 * feed is caught up, and stops (or, with --follow, waits and goes on). Kill it at any moment: every page is
 * saved with its checkpoint in one transaction, and the next run goes on from there.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: process.env['CALLBRIDGE_URL'] ?? 'http://127.0.0.1:4000' },
      key: { type: 'string', default: process.env['CALLBRIDGE_API_KEY'] ?? 'sandbox-demo-key' },
      db: { type: 'string', default: 'partner-sync.db' },
      since: { type: 'string' },
      provider: { type: 'string', multiple: true },
      first: { type: 'string', default: '100' },
      follow: { type: 'string' },
      'timeout-ms': { type: 'string', default: '30000' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const log = (line: string) => void (values.quiet ? undefined : console.error(`[partner-sync] ${line}`));
  const providers = (values.provider ?? []) as Provider[];
  // One checkpoint per filter: a checkpoint only works with the filter it was made for.
  const feed = providers.length > 0 ? `providers:${[...providers].sort().join(',')}` : 'all';
  const store = new CallStore(values.db!);
  const client = new FeedClient({ url: values.url!.replace(/\/$/, ''), apiKey: values.key || null, timeoutMs: Number(values['timeout-ms']), attempts: 8, log });
  const started = Date.now();
  const totals = { pages: 0, changes: 0, applied: 0, skipped: 0, removed: 0, missing: new Set<string>() };
  try {
    for (;;) {
      const after = store.checkpoint(feed);
      const { data } = await client.run(CallSessionChangesPageDocument, {
        first: Number(values.first),
        after,
        since: after === null && values.since ? new Date(values.since).toISOString() : null,
        filter: providers.length > 0 ? { providers } : null,
      });
      const page = data.callSessionChanges;
      const changes = page.edges.map(({ node }) => ({ kind: node.kind, id: node.id, version: node.version, session: node.session ?? null }));
      const result = store.applyPage(feed, changes, page.resyncedAccounts, page.pageInfo.endCursor!);
      totals.pages += 1;
      totals.changes += changes.length;
      totals.applied += result.applied;
      totals.skipped += result.skipped;
      totals.removed += result.removed;
      for (const m of page.missingProviders) totals.missing.add(`${m.provider}/${m.account}`);
      if (page.missingProviders.length > 0) log(`page ${totals.pages}: ${page.missingProviders.map((m) => m.account).join(', ')} did not answer; they catch up later`);
      if (page.pageInfo.hasNextPage) continue;
      if (!values.follow) break;
      await new Promise((resolve) => setTimeout(resolve, Number(values.follow) * 1000));
    }
  } finally {
    store.close();
  }
  console.log(JSON.stringify({ pages: totals.pages, changes: totals.changes, applied: totals.applied, skipped: totals.skipped, removed: totals.removed, missing: [...totals.missing], seconds: (Date.now() - started) / 1000 }));
}

main().catch((error: unknown) => {
  console.error(`[partner-sync] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
