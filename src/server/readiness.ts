import { RequestHandler } from 'express';
import { Runtime } from '../app/runtime';
import { AccountState } from '../upstream/account-health';

/**
 * Readiness (GET /readyz), beside liveness (/healthz): 503 while the server is starting, and when no vendor
 * account is usable (every circuit breaker open); else 200. Each account's last state is listed, so it is
 * served where the metrics are (they name every tenant's accounts too).
 */
export function readinessRoute(runtime: Runtime, started: () => boolean): RequestHandler {
  return (_req, res) => {
    const accounts = runtime.adapters.map((adapter) => {
      const report = runtime.statuses.report(adapter);
      return { provider: adapter.provider, account: adapter.account, state: report.state };
    });
    const usable = accounts.filter((a) => a.state !== AccountState.CIRCUIT_OPEN).length;
    const status = !started() ? 'starting' : usable === 0 ? 'no-usable-account' : 'ready';
    res.status(status === 'ready' ? 200 : 503).json({ status, configuration: 'loaded', usableAccounts: usable, accounts });
  };
}
