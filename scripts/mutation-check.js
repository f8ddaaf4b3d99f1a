#!/usr/bin/env node
// Breaks the compiled code on purpose, one mutation at a time, and runs the tests that claim to guard each
// behaviour: every mutation must make them fail. Run `npm run build` first; prints a Markdown table and exits
// non-zero when a mutation goes uncaught. Not part of `npm test` (it runs the named suites once per mutation).
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = join(__dirname, '..');
const dist = (file) => join(ROOT, 'dist', 'src', file);
const test = (file) => join(ROOT, 'dist', 'test', file);
const example = (file) => join(ROOT, 'dist', 'examples', file);
const explorer = (file) => join(ROOT, 'examples', 'call-explorer', 'src', file);

/** [behaviour, file, what is there, what replaces it, tests that must fail] */
const MUTATIONS = [
  // The App Connect issue's behaviours so far.
  ["RingCentral's extension id is an integer: only numeric ids fill it", dist('app-connect/rc-call-log-record.js'), "if (!nativeId || !/^\\d{1,15}$/.test(nativeId))", 'if (!nativeId)', ['app-connect/rc-vocabulary.test.js']],
  ['an internal call is Outbound in a RingCentral record', dist('app-connect/rc-vocabulary.js'), "[enums_1.CallDirection.INTERNAL]: 'Outbound',", "[enums_1.CallDirection.INTERNAL]: 'Internal',", ['app-connect/rc-vocabulary.test.js', 'app-connect/rc-call-log-record.test.js']],
  ['an update rewrites a section in place', dist('app-connect/note-composer.js'), 'return md.test(body) ? body.replace(md, () => line) : body + line;', 'return body + line;', ['app-connect/note-composer.test.js']],
  ['the contact number is off by default', dist('app-connect/note-composer.js'), "setting(settings, 'addCallLogContactNumber', false)", "setting(settings, 'addCallLogContactNumber', true)", ['app-connect/note-composer.test.js']],
  ["a later outbound leg names its caller, unless it is PstnToSip", dist('app-connect/note-composer.js'), "leg['direction'] === 'Outbound' && leg['legType'] !== 'PstnToSip' ? leg['from'] : leg['to']", "leg['to']", ['app-connect/note-composer.test.js']],
  // The frontends issue's behaviours so far.
  ['a backward page is handed out in the walk\'s own order', dist('history/call-history.service.js'), 'const sessions = [...merged.sessions].reverse();', 'const sessions = [...merged.sessions];', ['history/keyset-scan.property.test.js']],
  ['a backward page says exactly whether rows come before it', dist('history/call-history.service.js'), 'hasPreviousPage: merged.hasNextPage,', 'hasPreviousPage: false,', ['history/keyset-scan.property.test.js']],
  ['a backward scan does not use the forward resume hints', dist('history/call-history.service.js'), 'const hints = backward ? {} : (previous?.hints ?? {});', 'const hints = previous?.hints ?? {};', ['history/keyset-scan.property.test.js']],
  ['the extension directory pages backward from its cursor', dist('history/extension-directory.service.js'), '(backward ? compare(key, at) < 0 : compare(key, at) > 0)', '(compare(key, at) > 0)', ['history/extension-directory.service.test.js']],
  ['first with last is refused', dist('schema/relay-paging.js'), 'if (has(args.first) && has(args.last))', 'if (false)', ['server/app.test.js', 'history/extension-directory.service.test.js']],
  ['sandbox recordings are as long as reported, not 20 s', dist('sandbox/audio/wav.js'), 'makeWav(id, seconds, MAX_SECONDS)', 'makeWav(id, seconds, 20)', ['server/recording-route.test.js']],
  ["an account that is not the tenant's is refused", dist('history/call-history.service.js'), 'if (unknown.length > 0)', 'if (false)', ['server/app.test.js', 'history/change-feed.service.test.js']],
  ["a national number is read with each account's default country", dist('history/call-history.service.js'), '(filter.nationalPhone, a.defaultCountry)', '(filter.nationalPhone, undefined)', ['server/app.test.js']],
  ['x-request-id is echoed', dist('server/request-operation.js'), "res.setHeader('x-request-id', operation.requestId);", '', ['server/request-operation.test.js']],
  ['/readyz is 503 when no account is usable', dist('server/readiness.js'), "usable === 0 ? 'no-usable-account'", "false ? 'no-usable-account'", ['server/readiness.test.js']],
  ["an operation's log line names the failed accounts", dist('server/observability.plugin.js'), '...(failures.length > 0 ? { failures } : {})', '...({})', ['server/request-operation.test.js']],
  ['with a key required the Headers tab opens prefilled', dist('server/graphiql.js'), 'const headers = requiresKey ?', 'const headers = false ?', ['server/playground.browser.test.js']],
  ['with a key required the playground shows a hint', dist('server/graphiql.js'), '${requiresKey ? `  <div id="key-hint"', '${false ? `  <div id="key-hint"', ['server/playground.browser.test.js']],
  ['server-side logging keeps to its pace', dist('app/server-side-logger.js'), 'if (wait > 0)', 'if (false)', ['app/server-side-logger.test.js']],
  ["logCall waits for the CRM's short Retry-After", dist('app-connect/call-logger.js'), 'waits += 1;', 'throw error;', ['docs-examples.test.js', 'app-connect/call-logger.test.js']],
  ['the extension directory resumes after its cursor', dist('history/extension-directory.service.js'), '(backward ? compare(key, at) < 0 : compare(key, at) > 0)', '(backward ? compare(key, at) < 0 : true)', ['history/extension-directory.service.test.js']],
  ["CallGear's employee list is read page after page", dist('vendors/callgear/callgear-adapter.js'), 'offset += data.length;', '', ['history/extension-directory.service.test.js']],
  ['a repeated creation asks getCallLog before it creates', dist('app-connect/call-logger.js'), 'if (reservation.recovering) {', 'if (false) {', ['app-connect/call-logger.test.js', 'app-connect/server-side-logging.test.js']],
  ["a timed-out creation's late answer is recorded", dist('app-connect/call-logger.js'), '(late) => this.ledger.complete(key, holder, String(late.logId), wanted, this.now())', '(late) => undefined', ['app-connect/call-logger.test.js']],
  ['a later duration, result or recording updates the CRM log', dist('app-connect/call-logger.js'), ".update(JSON.stringify(shown))", ".update(JSON.stringify([payload.note, payload.contact]))", ['app-connect/call-logger.test.js', 'app-connect/server-side-logging.test.js']],
  ['a mapped extension logs as its CRM user', dist('app-connect/call-logger.js'), 'return mapped ? { ...settings.user, id: mapped.crmUserId } : settings.user;', 'return settings.user;', ['app-connect/call-logger.test.js']],
  ["the CRM's 429 pauses the connector", dist('app-connect/call-logger.js'), 'if (!force && pausedUntil > this.now())', 'if (false)', ['app-connect/call-logger.test.js']],
  ['a person asking does not wait for the backoff', dist('app-connect/call-logger.js'), 'outcome = await this.work(key, true);', 'outcome = await this.work(key, false);', ['schema/log-call.test.js']],
  ["App Connect's multi-match rule: the earliest-created contact", dist('app-connect/contact-matcher.js'), 'rank < bestAt', 'rank > bestAt', ['app-connect/call-logger.test.js']],
  ['contacts are kept per (tenant, connector, number)', dist('app-connect/contact-matcher.js'), 'if (held && this.now() - held.at < ttlMs)', 'if (false)', ['app-connect/call-logger.test.js']],
  ['secrets are cut out of connector errors', dist('app-connect/crm-failure.js'), "message = message.split(secret).join('[redacted]');", 'message = message;', ['app-connect/call-logger.test.js']],
  ['the contact cache stays within its bytes', dist('app-connect/contact-matcher.js'), 'while (this.bytes > this.maxBytes && this.entries.size > 0)', 'while (false)', ['app-connect/contact-matcher.test.js']],
  ['the sandbox CRM requires its bearer token', dist('sandbox/crm/crm-simulator.js'), 'if (req.headers.authorization !== `Bearer ${token}`)', 'if (false)', ['sandbox/crm/crm-simulator.test.js']],
  ["the sandbox CRM's rolling 2-second limit", dist('sandbox/crm/crm-simulator.js'), 'if (recent.length >= limit) {', 'if (false) {', ['sandbox/crm/crm-simulator.test.js']],
  ['server-side logging wants each page of the feed before its position moves', dist('app/server-side-logger.js'), 'this.logger.ledger.wantAll(wants,', 'this.logger.ledger.wantAll([],', ['app-connect/server-side-logging.test.js']],
  ["a tenant's due work is its own, whatever other tenants name their connectors", dist('app-connect/call-log-ledger.js'), "'AND tenant = @tenant AND connector = @connector'", "'AND connector = @connector'", ['app-connect/call-log-ledger.test.js']],
  ['a ledger reservation is one IMMEDIATE transaction', dist('app-connect/call-log-ledger.js'), "return { kind: 'update', logId: row.log_id, entry };\n        })\n            .immediate();", "return { kind: 'update', logId: row.log_id, entry };\n        })\n            ();", ['app-connect/call-log-ledger.test.js']],
  ["another caller's live lease makes a reservation wait", dist('app-connect/call-log-ledger.js'), "row.holder !== null && row.holder !== holder && row.lease_until > now", 'false', ['app-connect/call-log-ledger.test.js']],
  ['only the holder records the CRM answer', dist('app-connect/call-log-ledger.js'), "ELSE @now END, updated_at = @now WHERE ${KEY_MATCH} AND holder = @holder`", "ELSE @now END, updated_at = @now WHERE ${KEY_MATCH}`", ['app-connect/call-log-ledger.test.js']],
  // The partner-sync issue's behaviours.
  ['a feed cannot start in the future', dist('history/change-feed.service.js'), 'if (at >= now)', 'if (false)', ['history/change-feed.service.test.js']],
  ['a page reads at most `first` named sessions', dist('history/vendor-feed-step.js'), '.slice(0, maxSessions)', '', ['history/vendor-feed-step.test.js']],
  ['remembered deliveries are capped, the newest kept', dist('history/seen-sessions.js'), '.sort((a, b) => b[1] - a[1]).slice(0, max)', '', ['history/seen-sessions.test.js']],
  ['a full re-read passes over nothing', dist('history/window-walk-step.js'), 'position.resyncFrom === null && remembered', 'remembered', ['history/change-feed.service.test.js']],
  ["an account whose rows did not all fit resumes after the last one taken", dist('history/window-walk-step.js'), 'const leftOut = mine.length < own.length;', 'const leftOut = false;', ['history/change-feed.service.test.js']],
  ['the change feed passes over sessions it delivered in the same state', dist('history/window-walk-step.js'), 'position.resyncFrom === null && remembered[s].has(row.session) ? [] : ', '', ['history/change-feed.service.test.js']],
  ['change-feed walks read vendor pages afresh', dist('history/window-walk-step.js'), ', fresh: true }, step.caller', ' }, step.caller', ['history/change-feed.service.test.js']],
  ['a forced full sync ends with the account resynced', dist('history/vendor-feed-step.js'), 'resyncFrom: step.clock }', 'resyncFrom: null }', ['history/change-feed.service.test.js']],
  ['an account is read again once its last read is older than freshSeconds', dist('history/change-feed.service.js'), 'position.mark === null || position.mark < staleBefore;', 'position.mark === null;', ['history/change-feed.service.test.js']],
  ['an account that failed this page does not hold the feed open', dist('history/change-feed.service.js'), '!down.has((0, call_history_service_1.accountKey)(a)) && ', '', ['history/change-feed.service.faults.test.js']],
  ['sessions the vendor named are read by the windows they started in', dist('history/vendor-feed-step.js'), 'const TOUCHED_WINDOW_MS = 3600_000;', 'const TOUCHED_WINDOW_MS = -1;', ['history/change-feed.service.test.js', 'history/vendor-feed-step.test.js']],
  ['a named session its window no longer holds is a DELETE', dist('history/vendor-feed-step.js'), 'if (!session && touched.startTime >= examinedTo)', 'if (!session)', ['history/change-feed.service.test.js']],
  ['RingCentral ISync asks for deleted records', dist('vendors/ringcentral/call-log-sync.js'), "showDeleted: 'true'", "showDeleted: 'false'", ['history/change-feed.service.test.js']],
  ['a refused sync token starts the account over', dist('vendors/ringcentral/call-log-sync.js'), 'return null;', "throw new Error('refused');", ['history/change-feed.service.test.js']],
  ['checkpoints are bound to the tenant', dist('history/change-checkpoint.js'), 'wire.tenant !== expected.tenant || ', '', ['history/change-checkpoint.test.js', 'history/change-feed.service.test.js']],
  ['the RingCentral simulator refuses ISync past 250 changes', dist('sandbox/ringcentral/rc-call-log-sync.js'), 'changed.length + gone.length > ISYNC_MAX_RECORDS', 'false', ['sandbox/ringcentral/ringcentral-simulator.spec.test.js']],
  ['the RingCentral simulator refuses tokens of a reset frame', dist('sandbox/ringcentral/rc-call-log-sync.js'), 'token.g !== this.generation || ', '', ['sandbox/ringcentral/ringcentral-simulator.spec.test.js']],
  ['FSync needs a recordCount of at most 250', dist('sandbox/ringcentral/rc-call-log-sync.js'), 'count > MAX_RECORD_COUNT', 'false', ['sandbox/ringcentral/ringcentral-simulator.spec.test.js']],
  ['the example applies a change only over an older version', example('partner-sync/src/store.js'), 'current !== null && current >= change.version', 'false', ['examples/partner-sync-store.test.js']],
  ["the example removes what an account's full re-read did not deliver again", example('partner-sync/src/store.js'), 'for (const resync of resyncs) {', 'for (const resync of []) {', ['examples/partner-sync-store.test.js']],
  // The performance issue's behaviours.
  ["CallGear reads a chunk's legs beside its sessions", dist('vendors/callgear/callgear-adapter.js'), 'withDetail && position.offset === 0 ? this.chunkLegs(view, position, order, caller) : null', 'null', ['vendors/callgear/callgear-adapter.test.js']],
  ['legs of a cut answer cover only the sessions wholly on the read side', dist('vendors/callgear/cg-page-legs.js'), 'start <= edge + exports.LEG_RANGE_MARGIN_MS', 'start < edge', ['vendors/callgear/cg-page-legs.test.js']],
  ['sessions outside the legs range are not covered', dist('vendors/callgear/cg-page-legs.js'), 'if (start < legs.from || end > legs.to)', 'if (false)', ['vendors/callgear/cg-page-legs.test.js']],
  ['a walk without `to` ends at now rounded to windowEndSeconds', dist('history/call-history.service.js'), 'Math.floor(this.now() / this.options.windowEndMs) * this.options.windowEndMs', 'this.now()', ['history/window-end-rounding.test.js']],
  ["an edge cursor's key must lie within its page's signed range", dist('history/cursor-codec.js'), 'if ((0, ordering_1.compareKeys)(keyOfWire(r[0]), at, wire.o) > 0 || (0, ordering_1.compareKeys)(at, keyOfWire(r[1]), wire.o) > 0)', 'if (false)', ['history/cursor-codec.test.js']],
  ['concurrent reads of one kept key share one load', dist('upstream/shared-reads.js'), 'if (options.fresh)', 'if (true)', ['upstream/shared-reads.test.js']],
  ['a remembered phone number is remembered per country', dist('domain/phone-number.js'), "normalized(`${defaultCountry ?? ''}|${raw}`", 'normalized(raw', ['domain/phone-number.test.js']],
  ['the upstream cache reports its bytes', dist('app/runtime.js'), ', cacheBytes: () => cache.bytes', '', ['observability/metrics.test.js']],
  ['a caller whose deadline passed while it shared a load gets the vendor timeout', dist('upstream/single-flight.js'), 'if (!(0, caller_1.deadlinePassed)(caller.signal))', 'if (true)', ['server/request-operation.test.js']],
  ['a computed field the schema lacks stops the build', dist('schema/build-schema.js'), 'if (!type.getFields()[name])', 'if (false)', ['schema/build-schema.test.js']],
  ['offsetAt takes the hour fast path only when both ends agree', dist('lib/zoned-time.js'), 'if (offsetAtMinute(hour + HOUR_MS, zone) === start)', 'if (true)', ['lib/zoned-time.test.js']],
  ['a sampled array is scaled to its length', dist('lib/approximate-bytes.js'), 'Math.round((sampled * items.length) / SAMPLE)', 'sampled', ['lib/approximate-bytes.test.js']],
  ['vendor pages are mapped 200 rows per turn', dist('lib/map-in-slices.js'), 'if (start > 0)', 'if (false)', ['lib/map-in-slices.test.js']],
  ['prefetched extensions answer at once', dist('history/request-loaders.js'), 'if (known !== undefined)', 'if (false)', ['history/request-loaders.test.js']],
  ["an operation's cost is remembered per variables and tenant", dist('server/query-cost.js'), '|${scope.tenant}|${JSON.stringify(options.variables ?? {})}', '', ['server/request-limits.test.js']],
  ['recording links are remembered per tenant', dist('recordings/recording-links.js'), 'JSON.stringify([exp, grant.tenant, grant.provider', 'JSON.stringify([exp, grant.provider', ['recordings/recording-links.test.js']],
  ['valid arguments are remembered by their value', dist('schema/validate-args.js'), 'if (valid.has(key))', "if (valid.size > 0)", ['server/app.test.js']],
  ['no ETag on GraphQL answers', dist('server/app.js'), "app.set('etag', false);", '', ['server/app.test.js']],
  ['Telphin statistics requests one at a time', dist('vendors/telphin/module.js'), 'oneAtATime: client_1.isStatisticsRequest,', '', ['vendors/telphin/client.test.js']],
  ['RingCentral direction push-down', dist('vendors/ringcentral/ringcentral-adapter.js'), "params.set('direction', [...wanted][0]);", '', ['vendors/ringcentral/ringcentral-adapter.test.js']],
  ['CallGear direction push-down', dist('vendors/callgear/callgear-adapter.js'), "return { filter: { field: 'direction', operator: '=', value: inbound ? 'in' : 'out' } };", 'return {};', ['vendors/callgear/callgear-adapter.test.js']],
  ['Telphin direction (flow) push-down', dist('vendors/telphin/telphin-adapter.js'), "params.append('flow', inbound ? 'in' : 'out');", '', ['vendors/telphin/telphin-adapter.test.js']],
  ['maxBatchSize of the extension DataLoader', dist('history/request-loaders.js'), 'maxBatchSize: adapter.extensionBatchSize,', '', ['schema/call-session.resolver.test.js']],
  ['maxBatchSize of the detail DataLoader', dist('history/request-loaders.js'), '{ maxBatchSize: adapter.detailBatchSize, cacheKeyFn', '{ cacheKeyFn', ['schema/call-session.resolver.test.js']],
  ["CallGear's session-level recordings", dist('vendors/callgear/mapper.js'), 'recordings: [...session.listedRecordings]', 'recordings: []', ['vendors/callgear/client.test.js']],
  ['a row met twice on shifted pages is kept once', dist('history/instant-group.js'), 'if (at < 0)', 'if (true)', ['history/call-history.service.test.js']],
  ['an expired vendor position restarts from the keyset cursor', dist('history/keyset-scan.js'), 'if (!(error instanceof paging_strategy_1.StalePositionError))', 'if (true)', ['history/call-history.service.test.js']],
  ['a seam between pages read at different times starts the scan over', dist('history/keyset-scan.js'), 'readBy !== this.previousReadBy && this.restarts < MAX_RESTARTS', 'false', ['history/page-sources.property.test.js']],
  ['a 401 renews the bearer token once', dist('upstream/bearer-auth.js'), 'error.status !== 401', 'true', ['vendors/ringcentral/client.test.js']],
  ['5xx answers are retried', dist('upstream/retry.js'), '(error instanceof upstream_errors_1.UpstreamHttpError && error.status >= 500)', 'false', ['upstream/policy-stack.unit.test.js']],
  ['every attempt spends the rate budget', dist('upstream/rate-budget.js'), 'await this.spend(request.operation, caller.deadline, caller.signal, caller.tenant);', '', ['upstream/rate-budget.burst.test.js']],
  ['the bulkhead is in the stack', dist('upstream/policy-stack.js'), 'null, budget.asPolicy(options.rateReports), bulkhead.asPolicy())(transport);', 'null, budget.asPolicy(options.rateReports))(transport);', ['upstream/policy-stack.unit.test.js']],
  ['identical requests share one exchange', dist('upstream/policy-stack.js'), '(0, single_flight_1.shareIdentical)(account), ', '', ['upstream/policy-stack.unit.test.js', 'vendors/telphin/telphin-adapter.test.js']],
  ["the vendor's one-at-a-time gate", dist('upstream/one-at-a-time.js'), 'if (!selects(request))', 'if (true)', ['upstream/policy-stack.unit.test.js']],
  ['partial errors at their own response path', dist('schema/call-session.resolver.js'), 'path: (0, response_path_1.responsePath)(info.path)', "path: ['callSessions']", ['schema/call-session.resolver.test.js']],
  ["a cursor is bound to its tenant", dist('history/cursor-codec.js'), '|| wire.tn !== expected.tenant', '', ['server/app.test.js']],
  ['the deadline aborts with its own reason', dist('server/request-operation.js'), 'controller.abort(new caller_1.DeadlinePassed())', 'controller.abort()', ['server/request-operation.test.js']],
  ['the breaker opens at its threshold', dist('upstream/account-health.js'), 'new cockatiel_1.ConsecutiveBreaker(settings.failureThreshold)', 'new cockatiel_1.ConsecutiveBreaker(1000)', ['upstream/account-health.test.js']],
  ['an exhausted account is not asked again', dist('history/merge-page.js'), "hints[account] = 'done';", '', ['history/call-history.service.test.js']],
  ['a page cut short by the scan bound says more follow', dist('history/merge-page.js'), 'candidates.length > first || cap !== null', 'candidates.length > first', ['history/call-history.service.test.js', 'history/keyset-scan.property.test.js']],
  ["CallGear's key goes into every call", dist('vendors/callgear/cg-auth.js'), 'access_token: key', "access_token: 'not-the-key'", ['vendors/callgear/client.test.js']],
  ['RingCentral asks a second wider than the window (range ends not trusted)', dist('vendors/ringcentral/ringcentral-adapter.js'), 'const RANGE_MARGIN_MS = 1000;', 'const RANGE_MARGIN_MS = 0;', ['vendors/registry.strictness.test.js']],
  ['CallGear asks a second wider than the chunk', dist('vendors/callgear/callgear-adapter.js'), 'const RANGE_MARGIN_MS = 1000;', 'const RANGE_MARGIN_MS = 0;', ['vendors/registry.strictness.test.js']],
  ['Telphin asks a second past the window end', dist('vendors/telphin/telphin-adapter.js'), 'Math.ceil(window.to.getTime() / 1000) * 1000 + 1000', 'Math.ceil(window.to.getTime() / 1000) * 1000', ['vendors/registry.strictness.test.js']],
  ['a RingCentral record that does not exist is an answer (NOT_FOUND), not a fault', dist('vendors/ringcentral/client.js'), 'answerStatuses: ids.length === 1 ? [404] : []', 'answerStatuses: []', ['server/app.test.js']],
  ['Telphin reads by id go one at a time', dist('vendors/telphin/client.js'), "'call_history.list', 'call_history.read'", "'call_history.list'", ['vendors/telphin/client.test.js']],
  ['a Telphin page shorter than asked is the last only when Telphin says so', dist('vendors/telphin/telphin-adapter.js'), 'const last = items.length === 0 || (honoured !== null && items.length < honoured);', 'const last = items.length < this.pageSize;', ['vendors/telphin/client.test.js']],
  ["Telphin's directory is read to an empty page", dist('vendors/telphin/telphin-adapter.js'), 'if (list.length === 0)', 'if (list.length < EXTENSIONS_PER_PAGE)', ['vendors/telphin/client.test.js']],
  ["CallGear's own zone (get.account) wins over a configured one", dist('vendors/callgear/callgear-adapter.js'), "const zone = await this.options.stack.reads.read('account', 'timezone', caller, (c) => this.readZone(c), { ttlMs: this.options.directoryTtlMs });", "const zone = this.options.configuredTimeZone ?? 'UTC';", ['vendors/callgear/client.test.js']],
  ["the budget follows the vendor's reported limits", dist('upstream/rate-budget.js'), 'this.follow(report);', '', ['vendors/ringcentral/client.test.js']],
  ['a resume hint is checked against the cursor before it is trusted', dist('history/keyset-scan.js'), 'if (verifyStart) {', 'if (false) {', ['history/call-history.service.test.js']],
  ["CallGear's simulator hides calls in progress", dist('sandbox/callgear/callgear-simulator.js'), "params['include_ongoing_calls'] === true || lastEnd <= at", 'true', ['sandbox/callgear/callgear-simulator.test.js']],
  [
    'walks follow vendor offsets past deletions (no seek from the instant, no seam check)',
    dist('history/keyset-scan.js'),
    [['if (this.source.resumesFromInstant && page.continues', 'if (false && page.continues'], ['readBy !== this.previousReadBy && this.restarts < MAX_RESTARTS', 'false']],
    null,
    ['history/call-history.service.faults.test.js'],
  ],
  [
    "a vendor's changed record is served changed (Telphin's list rows re-rendered)",
    dist('sandbox/telphin/telphin-simulator.js'),
    [['const rendered = new WeakMap();', 'const rendered = new Map();'], ['let row = rendered.get(call);', 'let row = rendered.get(call.id);'], ['rendered.set(call, (row = ', 'rendered.set(call.id, (row = ']],
    null,
    ['server/changed-records.test.js'],
  ],
  ["RingCentral's simulator lists a record 15–30 s after its call ends", dist('sandbox/ringcentral/ringcentral-simulator.js'), 'if (options.recordsAtOnce)', 'if (true)', ['sandbox/ringcentral/ringcentral-simulator.test.js']],
  ["RingCentral's simulator keeps one record per extension of an internal call", dist('sandbox/ringcentral/rc-call-records.js'), "return [own(call.legs), { id: otherId(call, 0), call, extensionId: call.callee.extensionId, direction: 'Inbound', legs: call.legs }];", 'return [own(call.legs)];', ['sandbox/ringcentral/ringcentral-simulator.test.js']],
  ["a call's RingCentral records fold into one session in listings", dist('vendors/ringcentral/ringcentral-adapter.js'), 'fold: session_fold_1.foldCallRecords,', '', ['vendors/ringcentral/ringcentral-adapter.test.js', 'vendors/registry.strictness.test.js']],
  ["a call's RingCentral records fold into one session by id", dist('vendors/ringcentral/ringcentral-adapter.js'), 'return sessions.length > 0 ? sessions.reduce(session_fold_1.foldCallRecords) : null;', 'return sessions[0] ?? null;', ['vendors/ringcentral/ringcentral-adapter.test.js']],
  ['a leg two records repeat is shown once', dist('vendors/ringcentral/session-fold.js'), '.filter((leg) => !seen.has(legIdentity(leg)))', '', ['vendors/ringcentral/ringcentral-adapter.test.js']],
  ["a folded session's fields are its primary record's", dist('vendors/ringcentral/session-fold.js'), 'rank !== 0 ? rank < 0 :', 'rank !== 0 ? rank > 0 :', ['vendors/ringcentral/ringcentral-adapter.test.js']],
  ['the 366-day rule holds when `to` is absent', dist('domain/window.js'), 'if (!from)', 'if (!from || !to)', ['server/app.test.js']],
  ["the bulkhead keeps the caller's signal from cockatiel (3.2.1 stalls on cancelled waiters)", dist('upstream/account-bulkhead.js'), 'this.policy.execute(() => (signal.aborted ? Promise.reject(abandoned()) : work(signal)))', 'this.policy.execute(({ signal: inner }) => work(inner), signal)', ['upstream/account-bulkhead.test.js']],
  ['a client that leaves is not a vendor fault (the breaker does not count it)', dist('upstream/account-health.js'), 'if (signal.aborted && !(0, caller_1.deadlinePassed)(signal))', 'if (false)', ['upstream/account-health.unit.test.js']],
  ["an abandoned Telphin statistics request is let finish", dist('upstream/one-at-a-time.js'), 'next(request, { ...caller, signal: NEVER })', 'next(request, caller)', ['upstream/account-health.test.js']],
  ['an operation over the vendor-cost limit is refused before it runs', dist('server/query-cost.js'), 'if (estimate > maxCost) {', 'if (false) {', ['server/request-limits.test.js']],
  ['mutations and subscriptions are validation errors', dist('server/graphql-server.js'), 'validationRules: [operation_types_rule_1.knownOperationTypes, ...armor.validationRules],', 'validationRules: [...armor.validationRules],', ['server/request-limits.test.js']],
  ['HTTP errors are typed JSON answers', dist('server/app.js'), 'app.use((0, http_errors_1.httpErrorHandler)());', '', ['server/request-limits.test.js']],
  ['a JSON body in another charset is a 415', dist('server/app.js'), "(0, http_errors_1.utf8JsonOnly)(), ", '', ['server/request-limits.test.js']],
  ['field suggestions are masked', dist('server/graphql-server.js'), 'blockFieldSuggestion: { enabled: !profile.fieldSuggestions },', 'blockFieldSuggestion: { enabled: false },', ['server/request-limits.test.js']],
  ['documents are bounded in tokens', dist('server/graphql-server.js'), 'parseOptions: { maxTokens: limits.maxTokens },', '', ['server/request-limits.test.js']],
  ["a tenant's requests in progress are capped at the edge", dist('server/tenant-limits.js'), 'if (running >= settings.maxConcurrent)', 'if (false)', ['server/tenant-limits.test.js']],
  ["a tenant's requests a minute are capped at the edge", dist('server/tenant-limits.js'), 'await rate.consume(holder);', '', ['server/tenant-limits.test.js']],
  ['security headers on every answer', dist('server/app.js'), 'app.use((0, edge_1.securityHeaders)());', '', ['server/edge.test.js']],
  ['CORS follows the allowlist', dist('server/app.js'), "app.use(['/graphql', '/recordings'], (0, edge_1.corsPolicy)(profile));", '', ['server/edge.test.js']],
  ['slow clients are cut off', dist('server/app.js'), '(0, edge_1.boundConnections)(httpServer, runtime.config.server);', '', ['server/edge.test.js']],
  ['production answers no introspection', dist('server/graphql-server.js'), 'introspection: profile.introspection,', 'introspection: true,', ['server/edge.test.js']],
  ['cross-site simple requests are refused (CSRF prevention)', dist('server/graphql-server.js'), 'csrfPrevention: true,', 'csrfPrevention: false,', ['server/app.test.js']],
  ['production metrics stay off the API port', dist('server/app.js'), 'if (!profile.metrics)', 'if (true)', ['server/edge.test.js']],
  ['the playground runs no inline script (the CSP would block it)', dist('server/graphiql.js'), '<script src="/graphiql-assets/start.js"></script>', '<script>${startScript()}</script>', ['server/playground.browser.test.js']],
  ['recordings are downloaded once and served from the kept bytes', dist('server/recording-route.js'), "if (kept === 'too-large')", 'if (true)', ['server/recording-route.test.js']],
  ['a recording link has a per-minute limit', dist('server/recording-route.js'), 'await perLink.consume(req.params.token);', '', ['server/recording-route.test.js']],
  ['recording downloads spend only their slice of the budget', dist('upstream/rate-budget.js'), '...(this.slices.get(operation) ?? [])', '', ['upstream/rate-budget.test.js']],
  ['tenants take turns at a shared budget', dist('upstream/rate-budget.js'), 'turns.mayTake(tenant) ?', 'true ?', ['upstream/rate-budget.test.js']],
  ['a tenant served more recently yields its turn', dist('upstream/fair-turns.js'), 'if (other !== tenant && (this.served.get(other) ?? -1) < mine)', 'if (false)', ['upstream/rate-budget.test.js']],
  ["an operation's rows are capped", dist('server/query-cost.js'), 'if (rows > maxRows) {', 'if (false) {', ['server/request-limits.test.js']],
  ["graphql-js's own request errors are typed, not internal", dist('server/format-error.js'), 'if (requestError)', 'if (false)', ['server/request-limits.test.js']],
  ['variables an operation cannot take are BAD_USER_INPUT, never a 500', dist('server/query-cost.js'), 'throw new graphql_1.GraphQLError(message, {', 'throw error; void ({', ['server/fuzz.test.js']],
  ["a tenant keeps to its share of a budget slice while others use it", dist('upstream/fair-turns.js'), 'if (active <= 1)', 'if (true)', ['upstream/rate-budget.test.js']],
  ['no MaxListeners warning on stderr for a busy operation', dist('server/request-operation.js'), '(0, node_events_1.setMaxListeners)(2000, controller.signal);', '', ['server/request-limits.test.js']],
  ['a run of empty time ranges counts toward the scan bound', dist('history/keyset-scan.js'), 'page.reached !== undefined &&', 'false &&', ['history/keyset-scan.empty-ranges.test.js']],
  ["an API key's requests a minute are capped at the edge", dist('server/tenant-limits.js'), 'await perKey.consume(key);', '', ['server/tenant-limits.test.js']],
  ["no tenant holds more than three quarters of an account's bulkhead", dist('upstream/account-bulkhead.js'), 'tenant === undefined ? inAccount()', 'true ? inAccount()', ['upstream/account-bulkhead.test.js']],
  ['the upstream cache is bounded in bytes', dist('upstream/cache-store.js'), 'sizeCalculation: (entry, key) => Math.max(1, (0, approximate_bytes_1.approximateBytes)(entry.value) + key.length * 2),', 'sizeCalculation: () => 1,', ['upstream/cache-store.test.js']],
  ['expired cache entries are purged', dist('upstream/cache-store.js'), 'ttlAutopurge: true,', 'ttlAutopurge: false,', ['upstream/cache-store.test.js']],
  ['connections past maxConnections are closed', dist('server/edge.js'), 'httpServer.maxConnections = settings.maxConnections;', '', ['server/edge.test.js']],
  ['documents deeper than maxDepth are refused', dist('server/graphql-server.js'), 'maxDepth: { n: limits.maxDepth,', 'maxDepth: { enabled: false, n: limits.maxDepth,', ['server/request-limits.test.js']],
  ['the budget answers a caller that left as cancelled, not as a vendor failure', dist('upstream/rate-budget.js'), 'throw (0, caller_1.abandonedError)(request.operation, caller.signal);', "throw new Error('aborted');", ['upstream/rate-budget.test.js']],
  ['upstream/ knows no vendor (an arrow the wrong way)', join(ROOT, 'src', 'upstream', 'caller.ts'), '/**', "import '../vendors/registry';\n/**", ['architecture.test.js']],
  ["a RingCentral recording's length comes from its metadata when the listing lacks it", dist('schema/field-resolvers.js'), "duration: (rec, _args, ctx) => rec.duration ?? factOf(rec, ctx, 'duration'),", 'duration: (rec) => rec.duration,', ['server/recording-facts.test.js']],
  ['recording metadata is kept a day', dist('vendors/ringcentral/ringcentral-adapter.js'), 'const RECORDING_FACTS_TTL_MS = 86_400_000;', 'const RECORDING_FACTS_TTL_MS = 0;', ['server/recording-facts.test.js']],
  ['node(id) answers a Recording as a Recording', dist('schema/node.interface.js'), "'contentType' in value ? 'Recording' : 'CallSession'", "'CallSession'", ['server/recording-facts.test.js']],
  ["node(id) finds a recording only in the session its id names", dist('schema/nested.resolvers.js'), '.find((rec) => rec.nativeId === decoded.nativeId)', '.find(() => true)', ['server/recording-facts.test.js']],
  ['recording metadata fields count in the vendor cost', dist('server/query-cost.js'), 'metadataFields += 1;', 'metadataFields += 0;', ['server/request-limits.test.js']],
  ['the explorer merges its pages with relayStylePagination', explorer('app/apollo.ts'), "callSessions: relayStylePagination(['filter', 'orderBy']),", "callSessions: { keyArgs: ['filter', 'orderBy'] },", ['examples/call-explorer.browser.test.js']],
  ['the explorer loads the next page when its end scrolls into view', explorer('app/CallList.tsx'), 'void fetchMore({ variables: { after: connection!.pageInfo.endCursor } });', '', ['examples/call-explorer.browser.test.js']],
  ["the explorer's direction filter reaches the API", explorer('app/CallList.tsx'), '...(filter.direction ? { directions: [filter.direction] } : {}),', '', ['examples/call-explorer.browser.test.js']],
  ["the explorer's extension filter reaches the API", explorer('app/CallList.tsx'), '...(filter.extension ? { extensionIds: [filter.extension.id] } : {}),', '', ['examples/call-explorer.browser.test.js']],
  ['the timeline draws talking in green', explorer('app/LegTimeline.tsx'), 'rx={2} className="talk" />', 'rx={2} className="ring" />', ['examples/call-explorer.browser.test.js']],
  ['a leg the vendor calls answered is answered without an answer time', explorer('timeline-layout.ts'), "const answered = answer !== null || leg.result === 'ANSWERED';", 'const answered = answer !== null;', ['examples/call-explorer.browser.test.js']],
  ['the timeline layout: a leg the vendor calls answered talks without an answer time', example('call-explorer/src/timeline-layout.js'), "const answered = answer !== null || leg.result === 'ANSWERED';", 'const answered = answer !== null;', ['examples/timeline-layout.test.js']],
  ['the timeline layout: ringing ends at the answer', example('call-explorer/src/timeline-layout.js'), 'const ringEnd = talkFrom ?? s.end;', 'const ringEnd = s.end;', ['examples/timeline-layout.test.js']],
  ["the explorer's player gets the recording link", explorer('app/CallDetail.tsx'), 'src={recording.url}', '', ['examples/call-explorer.browser.test.js']],
  ['an operation reads no more recording metadata than its estimate counted', dist('server/query-cost.js'), 'contextValue.loaders.limitRecordingReads(rows);', '', ['schema/recording-reads-cap.test.js']],
  ['the recording metadata cap holds in the loaders', dist('history/request-loaders.js'), 'if (this.recordingsAsked.size >= this.recordingReadsAllowed) {', 'if (false) {', ['history/request-loaders.test.js', 'schema/recording-reads-cap.test.js']],
  ['a short transferred call hands over in time for the colleague to talk', dist('sandbox/dataset/calls.js'), 'Math.min(r.int(10, Math.max(11, talk - 5)), talk - 4)', 'r.int(10, Math.max(11, talk - 5))', ['sandbox/dataset/sandbox-dataset.test.js']],
  ["a forwarded call's recording is no longer than its talk", dist('sandbox/dataset/calls.js'), 'recording(offset + ring + 2, talk - 2)', 'recording(offset + ring + 2, talk)', ['sandbox/dataset/sandbox-dataset.test.js']],
  ["a transferred call's recording lasts as long as the colleague talked", dist('sandbox/dataset/calls.js'), 'recording(offset + ring + handover + 3, talk - handover - 3)', 'recording(offset + ring + handover + 3, talk - handover)', ['sandbox/dataset/sandbox-dataset.test.js']],
  ['a backward page starts from its before cursor', dist('history/page-direction.js'), 'cursor: request.before ?? null', 'cursor: null', ['history/keyset-scan.property.test.js', 'history/extension-directory.service.test.js']],
];

const only = process.argv.slice(2);
const rows = [];
let uncaught = 0;
for (const [name, file, from, to, tests] of MUTATIONS) {
  if (only.length > 0 && !only.some((o) => name.includes(o))) continue;
  const original = readFileSync(file, 'utf8');
  // One edit, or several (a list of [from, to] pairs) for a behaviour guarded twice.
  const edits = Array.isArray(from) ? from : [[from, to]];
  let mutated = original;
  const applicable = edits.every(([a, b]) => {
    const at = mutated.indexOf(a);
    if (at < 0 || (file.endsWith('.js') && mutated.indexOf(a, at + 1) >= 0)) return false;
    mutated = mutated.slice(0, at) + b + mutated.slice(at + a.length);
    return true;
  });
  if (!applicable) {
    rows.push([name, 'mutation not applicable (the code changed)', '—']);
    uncaught += 1;
    continue;
  }
  // The call explorer's sources reach its tests through its bundle: rebuild it with the break, and without.
  const bundled = file.startsWith(join(ROOT, 'examples', 'call-explorer'));
  const rebundle = () => bundled && spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-explorer.js')], { stdio: 'inherit' });
  writeFileSync(file, mutated);
  try {
    rebundle();
    const run = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...tests.map(test)], { encoding: 'utf8', env: { ...process.env, CALLBRIDGE_LOG: 'silent' }, timeout: 600_000 });
    const failed = /^# fail (\d+)/m.exec(run.stdout ?? '');
    const caught = run.status !== 0 && failed !== null && Number(failed[1]) > 0;
    if (!caught) uncaught += 1;
    const firstFailure = /^not ok \d+ - (.*)$/m.exec(run.stdout ?? '')?.[1] ?? '';
    rows.push([name, tests.join(', '), caught ? `caught (${failed[1]} failed: ${firstFailure.slice(0, 90)})` : 'NOT CAUGHT']);
  } finally {
    writeFileSync(file, original);
    rebundle();
  }
  process.stderr.write(`${rows[rows.length - 1].join(' | ')}\n`);
}
console.log('| # | deliberate break | tests | result |\n|---|---|---|---|');
rows.forEach(([name, tests, result], i) => console.log(`| ${i + 1} | ${name} | ${tests} | ${result} |`));
process.exit(uncaught === 0 ? 0 : 1);
