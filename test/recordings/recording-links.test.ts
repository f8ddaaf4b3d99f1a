import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecordingLinks } from '../../src/recordings/recording-links';
import { Signer } from '../../src/lib/signer';
import { Provider } from '../support/providers';
import { TEST_SECRET } from '../support/engine-harness';

test('links signed this minute are kept per tenant, recording and base URL, and a new minute signs anew', () => {
  let now = Date.UTC(2026, 10, 1, 12, 0, 10);
  const links = new RecordingLinks(new Signer(TEST_SECRET), 600, () => now);
  const grant = { tenant: 'a', provider: Provider.RINGCENTRAL, account: 'rc', nativeId: 'r1' };
  const first = links.link('http://x', grant);
  assert.equal(links.link('http://x', grant), first, 'the same link, not signed again');
  const others: Array<[typeof grant, string]> = [[{ ...grant, tenant: 'b' }, 'tenant'], [{ ...grant, nativeId: 'r2' }, 'recording'], [{ ...grant, account: 'rc2' }, 'account']];
  for (const [other, what] of others) {
    const link = links.link('http://x', other);
    assert.notEqual(link.url, first.url, what);
    assert.deepEqual({ ...(links.verify(link.url.split('/').pop()!) as object) }, { ...other, exp: first.expiresAt.getTime() / 1000 }, `${what}: the link grants what it was made for`);
  }
  assert.notEqual(links.link('http://y', grant).url, first.url, 'base URL');
  now += 60_000;
  assert.ok(links.link('http://x', grant).expiresAt > first.expiresAt, 'a new minute, a new expiry');
});
