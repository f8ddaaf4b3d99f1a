import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AccountState } from '../upstream/account-health';
import { UpstreamObserver } from '../upstream/request-counter';

/** Where account states (and the upstream cache's size) come from when /metrics is scraped. */
export interface AccountStates {
  states(): Array<{ vendor: string; account: string; state: AccountState }>;
  /** Estimated bytes the upstream cache holds (pages, directories), when there is one to report. */
  cacheBytes?(): number;
}

const STATE_VALUE: Record<AccountState, number> = { [AccountState.OK]: 0, [AccountState.DEGRADED]: 1, [AccountState.RATE_LIMITED]: 2, [AccountState.CIRCUIT_OPEN]: 3 };

/**
 * Callbridge's Prometheus metrics (served at /metrics): upstream requests, latency and retries by vendor,
 * account and operation; rate-budget waits and refusals; cache hits and misses; each account's state;
 * GraphQL operations by name, duration and error code.
 * Labels never carry ids, numbers or credentials.
 */
export class Metrics implements UpstreamObserver {
  readonly registry = new Registry();
  private readonly upstreamRequests = new Counter({ name: 'callbridge_upstream_requests_total', help: 'Upstream requests by vendor, account, operation and status (HTTP status or network_error).', labelNames: ['vendor', 'account', 'operation', 'status'], registers: [this.registry] });
  private readonly upstreamLatency = new Histogram({ name: 'callbridge_upstream_request_duration_seconds', help: 'Upstream request latency until the answer is in hand.', labelNames: ['vendor', 'account', 'operation'], buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [this.registry] });
  private readonly retries = new Counter({ name: 'callbridge_upstream_retries_total', help: 'Upstream reads tried again (after a network error, a 5xx or a rate limit).', labelNames: ['vendor', 'account'], registers: [this.registry] });
  private readonly budgetWaits = new Histogram({ name: 'callbridge_upstream_budget_wait_seconds', help: 'Time upstream requests waited for their rate budget, by vendor, account and rate group.', labelNames: ['vendor', 'account', 'group'], buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60], registers: [this.registry] });
  private readonly budgetRefusals = new Counter({ name: 'callbridge_upstream_budget_refusals_total', help: 'Upstream requests refused with RATE_LIMITED because their budget would not refill before the deadline.', labelNames: ['vendor', 'account', 'group'], registers: [this.registry] });
  private readonly cacheLookups = new Counter({ name: 'callbridge_upstream_cache_lookups_total', help: 'Upstream cache lookups by vendor, account, kind (list-page, directory, employee) and result (hit or miss).', labelNames: ['vendor', 'account', 'kind', 'result'], registers: [this.registry] });
  private readonly graphqlOperations = new Counter({ name: 'callbridge_graphql_operations_total', help: 'GraphQL operations by name and outcome (OK or the first error code).', labelNames: ['operation', 'code'], registers: [this.registry] });
  private readonly graphqlDuration = new Histogram({ name: 'callbridge_graphql_operation_duration_seconds', help: 'GraphQL operation duration.', labelNames: ['operation'], buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [this.registry] });

  private readonly crmCalls = new Counter({ name: 'callbridge_crm_calls_total', help: 'CRM connector calls (App Connect logging) by connector, operation and outcome (ok, timeout, error, or the HTTP status).', labelNames: ['connector', 'operation', 'outcome'], registers: [this.registry] });
  private readonly crmLatency = new Histogram({ name: 'callbridge_crm_call_duration_seconds', help: 'CRM connector call latency.', labelNames: ['connector', 'operation'], buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [this.registry] });

  constructor(accounts: AccountStates) {
    new Gauge({
      name: 'callbridge_account_state',
      help: 'Each vendor account\'s state: 0 OK, 1 DEGRADED, 2 RATE_LIMITED, 3 CIRCUIT_OPEN.',
      labelNames: ['vendor', 'account'],
      registers: [this.registry],
      collect() {
        for (const { vendor, account, state } of accounts.states()) this.set({ vendor, account }, STATE_VALUE[state]);
      },
    });
    if (accounts.cacheBytes) {
      const bytes = accounts.cacheBytes.bind(accounts);
      new Gauge({
        name: 'callbridge_upstream_cache_bytes',
        help: 'Estimated bytes the upstream cache holds (vendor pages and directories); bounded by upstream.cacheMaxBytes.',
        registers: [this.registry],
        collect() {
          this.set(bytes());
        },
      });
    }
    collectDefaultMetrics({ register: this.registry, prefix: 'callbridge_' });
  }

  request(vendor: string, account: string, operation: string, status: string, seconds: number): void {
    this.upstreamRequests.inc({ vendor, account, operation, status });
    this.upstreamLatency.observe({ vendor, account, operation }, seconds);
  }

  retry(vendor: string, account: string): void {
    this.retries.inc({ vendor, account });
  }

  budgetWait(vendor: string, account: string, group: string, seconds: number): void {
    this.budgetWaits.observe({ vendor, account, group }, seconds);
  }

  budgetRefused(vendor: string, account: string, group: string): void {
    this.budgetRefusals.inc({ vendor, account, group });
  }

  cacheLookup(vendor: string, account: string, kind: string, hit: boolean): void {
    this.cacheLookups.inc({ vendor, account, kind, result: hit ? 'hit' : 'miss' });
  }

  crmCall(connector: string, operation: string, outcome: string, seconds: number): void {
    this.crmCalls.inc({ connector, operation, outcome });
    this.crmLatency.observe({ connector, operation }, seconds);
  }

  /** The calls each connector has logged, has pending, and is failing to log (from the ledger, when scraped). */
  observeCrm(status: (tenant: string) => ReadonlyArray<{ name: string; logged: number; pending: number; failing: number }>, tenants: readonly string[]): void {
    new Gauge({
      name: 'callbridge_crm_calls',
      help: 'Calls in the CRM ledger by tenant, connector and state: logged (up to date), pending (work due), failing (pending after a failed attempt).',
      labelNames: ['tenant', 'connector', 'state'],
      registers: [this.registry],
      collect() {
        for (const tenant of tenants) {
          for (const s of status(tenant)) for (const state of ['logged', 'pending', 'failing'] as const) this.set({ tenant, connector: s.name, state }, s[state]);
        }
      },
    });
  }

  operation(name: string, code: string, seconds: number): void {
    this.graphqlOperations.inc({ operation: name, code });
    this.graphqlDuration.observe({ operation: name }, seconds);
  }
}
