import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import express, { NextFunction, Request, Response, Router } from 'express';
import { serveByteRange } from '../../lib/byte-range';
import { closeServer, listen, urlOf } from '../../lib/http-server';
import { generateWav } from '../audio/wav';
import { HttpRequestRecord, SimulatorControl } from '../control/simulator-control';
import { SandboxDataSet } from '../dataset/sandbox-dataset';
import { SandboxCall, SandboxExtension } from '../dataset/types';
import { CONCURRENT_STATS_MESSAGE, TpHourlyQuota, TpStatsGuard } from './tp-limits';
import { StatsQuery, TpQueryError, matchesStatsQuery, parseStatsQuery } from './tp-query';
import { TpRenderContext, renderCall, renderExtension, renderHistory, renderRecordItems } from './tp-records';
import { TP_SANDBOX_CLIENT, TP_SANDBOX_CREDENTIALS } from './tp-sandbox-credentials';

export interface TelphinSimulatorOptions {
  readonly dataSet: SandboxDataSet;
  readonly host?: string;
  /** Port (default 4103; 0 picks a free one). */
  readonly port?: number;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Access token lifetime (Telphin: 3600 s). */
  readonly tokenTtlSeconds?: number;
  /** Requests per client per hour. Telphin does not publish the default (vendors.md §3.6). */
  readonly hourlyQuota?: number;
  /** How long a statistics request takes to answer, so that concurrent ones can meet (default 5 ms). */
  readonly statsDurationMs?: number;
  /** A variant nobody documents: start_datetime and end_datetime themselves are outside the range. */
  readonly exclusiveRangeEnds?: boolean;
  /**
   * The most rows a page holds, whatever per_page asks (default 100: Telphin publishes no maximum and
   * integrators report 100, vendors.md §3.7); list answers echo the per_page they honoured.
   */
  readonly perPageCap?: number;
  readonly now?: () => number;
}

export interface RunningTelphinSimulator {
  readonly baseUrl: string;
  readonly control: SimulatorControl;
  /** The numeric client id `@me` stands for. */
  readonly clientId: number;
  /** The last vendor requests, newest last (for tests that check what was asked). */
  requestLog(): readonly HttpRequestRecord[];
  /** The most statistics requests of one client asked for at once since the last reset (1: Callbridge never overlapped them). */
  peakConcurrentStatistics(): number;
  resetPeakConcurrentStatistics(): void;
  stop(): Promise<void>;
}

export const TP_DEFAULT_HOURLY_QUOTA = 100_000;
type Entry = { call: SandboxCall; row: Record<string, unknown> };

/**
 * A Telphin API simulator (seed 004, vendors.md §3, fixtures/telphin): client-credentials OAuth, calls and
 * call_history with every documented option, records with real audio, extensions, the hourly quota and the
 * one-statistics-request-at-a-time rule, and the sandbox control contract.
 */
export async function startTelphinSimulator(options: TelphinSimulatorOptions): Promise<RunningTelphinSimulator> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const creds = { clientId: options.clientId ?? TP_SANDBOX_CREDENTIALS.clientId, clientSecret: options.clientSecret ?? TP_SANDBOX_CREDENTIALS.clientSecret };
  const ttl = options.tokenTtlSeconds ?? 3600;
  const statsDuration = options.statsDurationMs ?? 5;
  const { dataSet } = options;
  const client = TP_SANDBOX_CLIENT;
  const extensions = new Map<string, SandboxExtension>(dataSet.extensionsOf('telphin').map((e) => [e.id, e]));
  const ctx: TpRenderContext = { clientId: client, extensions };
  const tokens = new Map<string, number>();
  const quota = new TpHourlyQuota(options.hourlyQuota ?? TP_DEFAULT_HOURLY_QUOTA, now);
  const stats = new TpStatsGuard();
  const storageSecret = randomBytes(16).toString('hex');

  const server = createServer();
  await listen(server, options.port ?? 4103, host);
  const baseUrl = urlOf(server, host);
  const tpError = (res: Response, status: number, message: string, code?: string) => void res.status(status).json(code ? { message, status: code } : { message });
  const control = new SimulatorControl(
    {
      serverError: (res) => tpError(res, 503, 'Service temporarily unavailable'),
      rateLimited: (res) => {
        res.set({ 'Retry-After': '1', 'X-RateLimit-Limit': String(options.hourlyQuota ?? TP_DEFAULT_HOURLY_QUOTA), 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1' });
        tpError(res, 429, 'Rate limit exceeded', 'rate_limit_exceeded');
      },
    },
    dataSet.callControlOf('telphin', now),
  );

  // Calls in time order (ties by id), rendered once; rebuilt when calls are added or deleted.
  let indexed = -1;
  let entries: Entry[] = [];
  const rendered = new WeakMap<SandboxCall, Record<string, unknown>>(); // a changed call is a new object
  const index = (): Entry[] => {
    const calls = dataSet.callsOf('telphin');
    if (dataSet.version !== indexed) {
      entries = [...calls]
        .sort((a, b) => a.start.getTime() - b.start.getTime() || (a.id < b.id ? -1 : 1))
        .map((call) => {
          let row = rendered.get(call);
          if (!row) rendered.set(call, (row = renderCall(call, ctx)));
          return { call, row };
        });
      indexed = dataSet.version;
    }
    return entries;
  };
  const matching = (q: StatsQuery): Entry[] => {
    const rows = index().filter((e) => matchesStatsQuery(e.row, q, options.exclusiveRangeEnds ?? false));
    return q.order === 'desc' ? rows.reverse() : rows;
  };
  const perPageCap = options.perPageCap ?? 100;
  /** The per_page a list honours: what was asked, at most the cap. */
  const honoured = (asked: number): number => Math.min(asked, perPageCap);
  const pageOf = <T>(list: readonly T[], q: StatsQuery): T[] => list.slice((q.page - 1) * honoured(q.perPage), q.page * honoured(q.perPage));

  const authorized = (req: Request, res: Response, next: NextFunction) => {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const expiresAt = token ? tokens.get(token) : undefined;
    // Telphin's 401 carries a message and no status (vendors.md §3.6).
    if (expiresAt === undefined || expiresAt <= now()) return tpError(res, 401, token ? 'Invalid or expired access token' : 'Authorization required');
    const spent = quota.take();
    res.set(spent.headers);
    if (!spent.allowed) return tpError(res, 429, 'Rate limit exceeded', 'rate_limit_exceeded');
    next();
  };
  const ownClient = (req: Request, res: Response, next: NextFunction) => {
    const id = String(req.params['clientId']);
    if (id !== '@me' && id !== String(client)) return tpError(res, 404, 'Client not found', 'client_not_found');
    next();
  };
  /** One statistics request at a time per client; the answer takes statsDurationMs. */
  const statistics = (_req: Request, res: Response, next: NextFunction) => {
    const key = String(client);
    if (!stats.enter(key)) return tpError(res, 429, CONCURRENT_STATS_MESSAGE);
    res.on('close', () => stats.leave(key));
    setTimeout(next, statsDuration);
  };
  const query = (req: Request, res: Response): StatsQuery | null => {
    try {
      return parseStatsQuery(req.query as Record<string, unknown>);
    } catch (error) {
      if (error instanceof TpQueryError) tpError(res, 400, error.message, 'invalid_request');
      else throw error;
      return null;
    }
  };
  const recordOf = (uuid: string) => {
    const rec = dataSet.recording('telphin', uuid);
    return rec ? { rec, file: `${uuid}.wav` } : null;
  };
  const sendAudio = (req: Request, res: Response, seed: string, seconds: number, file: string) => {
    const audio = generateWav(seed, seconds);
    const range = serveByteRange(audio.length, req.headers.range);
    res.status(range.status).set({ 'Content-Type': 'audio/wav', 'Accept-Ranges': 'bytes', 'Content-Disposition': `attachment; filename=${file}`, ...range.headers });
    res.end(range.status === 416 ? undefined : audio.subarray(range.start, range.end + 1));
  };
  const storageSignature = (uuid: string, expires: number) => createHash('sha256').update(`${storageSecret}:${uuid}:${expires}`).digest('hex').slice(0, 32);

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.use(control.router());
  app.use(control.httpRoutes(), control.faultInjector());

  app.post('/oauth/token', express.urlencoded({ extended: false }), (req, res) => {
    const body = req.body as Record<string, string>;
    if (body['grant_type'] !== 'client_credentials') return void res.status(400).json({ error: 'unsupported_grant_type', error_description: 'Only client_credentials is supported for trusted applications' });
    if (body['client_id'] !== creds.clientId || body['client_secret'] !== creds.clientSecret) return void res.status(401).json({ error: 'invalid_client', error_description: 'Client authentication failed' });
    const token = randomBytes(18).toString('hex');
    tokens.set(token, now() + ttl * 1000);
    res.json({ access_token: token, token_type: 'Bearer', expires_in: ttl, scope: 'all' });
  });

  const api = Router({ mergeParams: true });
  api.get('/calls/', statistics, (req, res) => {
    const q = query(req, res);
    if (!q) return;
    res.json({ calls: pageOf(matching(q), q).map((e) => e.row), order: q.order, page: q.page, per_page: honoured(q.perPage) });
  });
  api.get('/call_history/', statistics, (req, res) => {
    const q = query(req, res);
    if (!q) return;
    res.json({ call_history: pageOf(matching(q), q).map((e) => renderHistory(e.call, ctx)), order: q.order, page: q.page, per_page: honoured(q.perPage) });
  });
  // The one-at-a-time rule covers reads by id too (vendors.md §3.7; fixtures/telphin 429 body).
  api.get('/call_history/:callUuid', statistics, (req, res) => {
    const entry = index().find((e) => e.call.id === req.params['callUuid']);
    if (!entry) return tpError(res, 404, 'Call not found');
    res.json(renderHistory(entry.call, ctx));
  });
  api.get('/record/', statistics, (req, res) => {
    const q = query(req, res);
    if (!q) return;
    res.json(pageOf(matching(q).flatMap((e) => renderRecordItems(e.call, ctx)), q));
  });
  api.get('/record/:recordUuid/storage_url/', (req, res) => {
    const found = recordOf(String(req.params['recordUuid']));
    if (!found) return tpError(res, 404, 'Record not found');
    const expires = Math.floor(now() / 1000) + 3600;
    res.json({ record_url: `${baseUrl}/storage/${found.file}?expires=${expires}&signature=${storageSignature(found.rec.id, expires)}` });
  });
  api.get('/record/:recordUuid', (req, res) => {
    const found = recordOf(String(req.params['recordUuid']));
    if (!found) return tpError(res, 404, 'Record not found');
    sendAudio(req, res, found.rec.id, found.rec.duration, found.file);
  });
  api.get('/extension/', (req, res) => {
    const page = Number(req.query['page'] ?? 1);
    const perPage = Number(req.query['per_page'] ?? 100);
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 500) return tpError(res, 400, 'Invalid value of parameter page or per_page', 'invalid_request');
    const type = typeof req.query['type'] === 'string' ? req.query['type'] : null;
    // Deleted extensions are gone from the directory, though old calls still name them.
    const all = dataSet.extensionsOf('telphin').filter((e) => e.active).map((e) => renderExtension(e, ctx)).filter((e) => type === null || e['type'] === type);
    // A bare list: no echo of the per_page honoured.
    res.json(all.slice((page - 1) * honoured(perPage), page * honoured(perPage)));
  });
  api.get('/extension/:extensionId', (req, res) => {
    const ext = extensions.get(String(req.params['extensionId']));
    if (!ext || !ext.active) return tpError(res, 404, 'Extension not found');
    res.json(renderExtension(ext, ctx));
  });
  app.use('/api/ver1.0/client/:clientId', authorized, ownClient, api);

  // Storage links are signed and expire (vendors.md §3.2: storage.telphin.ru), no bearer token.
  app.get('/storage/:file', (req, res) => {
    const uuid = String(req.params['file']).replace(/\.wav$/, '');
    const expires = Number(req.query['expires']);
    const found = recordOf(uuid);
    if (!found || req.query['signature'] !== storageSignature(uuid, expires)) return tpError(res, 403, 'Access denied', 'access_denied');
    if (expires * 1000 <= now()) return tpError(res, 403, 'Link expired', 'access_denied');
    sendAudio(req, res, found.rec.id, found.rec.duration, found.file);
  });
  app.use((_req, res) => tpError(res, 404, 'Not found'));

  server.on('request', app);
  return {
    baseUrl,
    control,
    clientId: client,
    requestLog: () => control.requestLog(),
    peakConcurrentStatistics: () => stats.peak,
    resetPeakConcurrentStatistics: () => stats.resetPeak(),
    stop: async () => {
      control.releaseHung();
      await closeServer(server);
    },
  };
}
