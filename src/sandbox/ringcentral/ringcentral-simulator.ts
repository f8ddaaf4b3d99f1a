import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import express, { NextFunction, Request, Response, Router } from 'express';
import { serveByteRange } from '../../lib/byte-range';
import { closeServer, listen, urlOf } from '../../lib/http-server';
import { generateWav } from '../audio/wav';
import { HttpRequestRecord, SimulatorControl } from '../control/simulator-control';
import { SandboxDataSet } from '../dataset/sandbox-dataset';
import { SandboxCall, SandboxExtension } from '../dataset/types';
import { invalidParameter, notFound, notFoundBody, sendOAuthError, sendRateLimited, sendRcError } from './rc-errors';
import { pagedList } from './rc-paging';
import { RcTokenStore } from './rc-oauth';
import { RC_DOCUMENTED_LIMITS, RcGroupLimit, RcRateGroup, RcRateLimiter } from './rc-rate-limits';
import { RcUrls, renderExtension, renderRecord } from './rc-records';
import { isQueryProblem, matchesQuery, parseCallLogQuery } from './rc-call-log-query';
import { RcCallRecord, recordsOfCall } from './rc-call-records';
import { RC_SANDBOX_CREDENTIALS } from './sandbox-credentials';
import { CallLogSync, CallLogSyncSource } from './rc-call-log-sync';

export interface RingCentralSimulatorOptions {
  readonly dataSet: SandboxDataSet;
  readonly host?: string;
  /** API port (default 4101; 0 picks a free one). */
  readonly port?: number;
  /** Media host port (RingCentral serves recording content from a separate host). */
  readonly mediaPort?: number;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly jwt?: string;
  readonly accessTokenTtlSeconds?: number;
  readonly refreshTokenTtlSeconds?: number;
  readonly rateLimits?: Partial<Record<RcRateGroup, RcGroupLimit>>;
  /** The kind variant: call-log pages with totalPages, totalElements and navigation.lastPage (real ones have none, vendors.md §1.10). */
  readonly callLogTotals?: boolean;
  /** A variant nobody documents: dateFrom and dateTo themselves are outside the range (vendors.md §1.10). */
  readonly exclusiveRangeEnds?: boolean;
  /** The kind variant: a call's record is listed the moment the call ends (real ones appear 15–30 s later, vendors.md §1.10). */
  readonly recordsAtOnce?: boolean;
  /**
   * Every this-many-th ISync answer refuses its token (the sync frame was reset), so that clients handle a
   * forced FSync (rc-call-log-sync.ts); 0 never. Default 25.
   */
  readonly syncResetEvery?: number;
  readonly now?: () => number;
}

export interface RunningRingCentralSimulator {
  readonly baseUrl: string;
  readonly mediaBaseUrl: string;
  readonly control: SimulatorControl;
  /** Every record the simulator holds, newest first, as the call log would list it (for tests). */
  listAll(): Array<Record<string, unknown>>;
  /** The last vendor requests (method, path and query), newest last: for tests that check what was asked. */
  requestLog(): readonly HttpRequestRecord[];
  stop(): Promise<void>;
}

const ACCOUNT_ID = '37439510';

/**
 * A RingCentral REST API simulator (vendors.md §1, seeds 000/001/003): OAuth, the account- and extension-level
 * call log, records by id (bulk: 207 multipart/mixed), extensions, recordings on a separate media host,
 * rate-limit groups with penalties, and the sandbox control contract.
 */
export async function startRingCentralSimulator(options: RingCentralSimulatorOptions): Promise<RunningRingCentralSimulator> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const creds = { ...RC_SANDBOX_CREDENTIALS, ...pick(options, ['clientId', 'clientSecret', 'jwt']) };
  const dataSet = options.dataSet;
  const extensions = new Map<string, SandboxExtension>(dataSet.extensionsOf('ringcentral').map((e) => [e.id, e]));
  const owner = dataSet.extensionsOf('ringcentral').find((e) => e.kind === 'user' && e.active)!;
  const tokens = new RcTokenStore(options.accessTokenTtlSeconds ?? 3600, options.refreshTokenTtlSeconds ?? 604_800, owner.id, now);
  const limiter = new RcRateLimiter({ ...RC_DOCUMENTED_LIMITS, ...options.rateLimits }, now);
  const control = new SimulatorControl(
    {
      serverError: (res) => sendRcError(res, 503, 'CMN-201', 'Service Temporary Unavailable'),
      // An injected rate limit is a blip: it asks for a one-second wait (the real limiter's penalty is 60 s).
      rateLimited: (res) => sendRateLimited(res, 1),
    },
    dataSet.callControlOf('ringcentral', now),
  );

  const apiServer = createServer();
  const mediaServer = createServer();
  await listen(apiServer, options.port ?? 4101, host);
  await listen(mediaServer, options.mediaPort ?? 4111, host);
  const urls: RcUrls = { api: urlOf(apiServer, host), media: urlOf(mediaServer, host), accountId: ACCOUNT_ID };

  // Records appear 15–30 s after a call ends (RCD voice/call-log/index.md; vendors.md §1.10), in the log and by
  // id alike: each call waits its own delay, taken from its id so that it is the same on every read.
  const listedFrom = (call: SandboxCall): number => call.end.getTime() + (15 + (stableHash(call.id) % 16)) * 1000;
  const calls = (): readonly SandboxCall[] => {
    const all = dataSet.callsOf('ringcentral');
    if (options.recordsAtOnce) return all;
    const at = now();
    return all.filter((call) => listedFrom(call) <= at);
  };
  // A record changes when it appears, and again when the call changes (its final figures or a recording arrive).
  const changedAt = (call: SandboxCall): number => Math.max(dataSet.modifiedAt('ringcentral', call), options.recordsAtOnce ? 0 : listedFrom(call));
  const newestFirst = (list: readonly SandboxCall[]) => [...list].reverse().sort((a, b) => b.start.getTime() - a.start.getTime());
  /** The records of the listed calls, newest first: one per extension that took part (rc-call-records.ts). */
  const records = (): RcCallRecord[] => newestFirst(calls()).flatMap(recordsOfCall);
  /** An extension's log: its own records, and a call with one record that passed through it (a forward, a queue). */
  const inLogOf = (ownerId: string, record: RcCallRecord): boolean =>
    record.extensionId === ownerId || (recordsOfCall(record.call).length === 1 && record.call.legs.some((l) => l.extensionId === ownerId));

  const authorized = (group: RcRateGroup) => (req: Request, res: Response, next: NextFunction) => {
    const queryToken = typeof req.query['access_token'] === 'string' ? req.query['access_token'] : undefined;
    const check = queryToken && req.socket.localPort === mediaPortOf() ? tokens.checkToken(queryToken) : tokens.check(req.headers.authorization);
    if (check === 'missing') return sendRcError(res, 401, 'OAU-123', 'Authorization header is not specified');
    if (check === 'corrupted') return sendRcError(res, 401, 'OAU-129', 'Access token corrupted');
    if (check === 'expired') return sendRcError(res, 401, 'OAU-128', 'Access token expired');
    return rateLimited(group, 'sandbox-user', res, next);
  };
  const rateLimited = (group: RcRateGroup, client: string, res: Response, next: NextFunction) => {
    const decision = limiter.take(group, client);
    res.set(decision.headers);
    if (!decision.allowed) return sendRateLimited(res, decision.retryAfter!);
    next();
  };
  const mediaPortOf = () => (mediaServer.address() as AddressInfo).port;
  const accountOk = (req: Request, res: Response): boolean => {
    if (param(req, 'accountId') === '~' || param(req, 'accountId') === ACCOUNT_ID) return true;
    notFound(res, 'accountId', param(req, 'accountId'));
    return false;
  };

  const sync = new CallLogSync(options.syncResetEvery ?? 25);
  const syncSource = (ownerId: string | null): CallLogSyncSource => ({
    listed: calls,
    changedAt,
    deleted: () => dataSet.deletedCallsOf('ringcentral'),
    render: (record, detailed, at, deleted) => ({ ...renderRecord(record, detailed, urls, extensions, at), ...(deleted ? { deleted: true } : {}) }),
    inLog: (record) => ownerId === null || inLogOf(ownerId, record),
    now,
  });

  const api = express();
  api.disable('x-powered-by');
  api.set('query parser', 'extended');
  api.use(control.router());
  // Refuses every sync token issued so far: the next ISync is told to start over with an FSync.
  api.post('/__sandbox/sync-reset', (_req, res) => {
    sync.reset();
    res.json({ reset: true });
  });
  api.use(control.httpRoutes(), control.faultInjector());

  api.post('/restapi/oauth/token', express.urlencoded({ extended: false }), (req, res) => {
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!basic) return sendOAuthError(res, 400, 'invalid_client', 'Client authentication is required', 'OAU-123');
    const [id, secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
    // getToken lists 400, 415 and 429: a wrong client is a 400 (RCX getToken; vendors.md §1.10).
    if (id !== creds.clientId || secret !== creds.clientSecret) return sendOAuthError(res, 400, 'invalid_client', 'Invalid client', 'OAU-153');
    rateLimited('Auth', id!, res, () => {
      const body = req.body as Record<string, string>;
      if (body['grant_type'] === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
        if (body['assertion'] !== creds.jwt) return sendOAuthError(res, 400, 'invalid_grant', 'Invalid assertion signature', 'OAU-213');
        return void res.json(tokens.issue());
      }
      if (body['grant_type'] === 'refresh_token') {
        const pair = tokens.refreshWith(body['refresh_token'] ?? '');
        if (!pair) return sendOAuthError(res, 400, 'invalid_grant', 'Token not found', 'OAU-211');
        return void res.json(pair);
      }
      sendOAuthError(res, 400, 'unsupported_grant_type', 'Unsupported grant type', 'OAU-250');
    });
  });

  const account: Router = Router({ mergeParams: true });
  const listCallLog = (extensionId: string | null) => (req: Request, res: Response) => {
    if (!accountOk(req, res)) return;
    const query = parseCallLogQuery(req.query as Record<string, string | string[]>, now());
    if (isQueryProblem(query)) {
      if (query.kind === 'invalid') return invalidParameter(res, query.name, query.value);
      return sendRcError(res, 400, 'CLG-110', `Parameter [${query.name}] is not allowed for usage along with parameter [${query.other}]`, { parameterName: query.name });
    }
    const ownerId = extensionId === '~' ? owner.id : extensionId;
    const matching = records().filter((record) => (ownerId === null || inLogOf(ownerId, record)) && matchesQuery(record, query, extensions, options.exclusiveRangeEnds ?? false));
    const base = `${urls.api}${req.baseUrl}${req.path}`;
    const pageUri = (page: number) => {
      const params = new URLSearchParams(req.query as Record<string, string>);
      params.set('page', String(page));
      params.set('perPage', String(query.perPage));
      return `${base}?${params.toString()}`;
    };
    res.json(pagedList(matching, query.page, query.perPage, pageUri, (record) => renderRecord(record, query.view === 'Detailed', urls, extensions, changedAt(record.call)), options.callLogTotals ?? false));
  };
  const readRecords = (req: Request, res: Response) => {
    if (!accountOk(req, res)) return;
    const view = typeof req.query['view'] === 'string' ? req.query['view'] : 'Simple';
    if (view !== 'Simple' && view !== 'Detailed') return invalidParameter(res, 'view', view);
    const ids = param(req, 'recordIds').split(',');
    // Bulk reads take at most 50 call-log ids (vendors.md §1.7).
    if (ids.length > 50) return sendRcError(res, 400, 'CMN-106', 'Batch request is limited to 50 entries');
    const byId = new Map(records().map((r) => [r.id, r]));
    if (ids.length === 1) {
      const record = byId.get(ids[0]!);
      if (!record) return notFound(res, 'callRecordId', ids[0]!);
      return void res.json(renderRecord(record, view === 'Detailed', urls, extensions, changedAt(record.call)));
    }
    const boundary = `Boundary_${Math.floor(Math.random() * 1e6)}_${Date.now()}`;
    const parts = ids.map((id) => {
      const record = byId.get(id);
      return record
        ? { status: 200, description: 'OK', body: renderRecord(record, view === 'Detailed', urls, extensions, changedAt(record.call)) }
        : { status: 404, description: 'Not Found', body: notFoundBody('callRecordId', id) };
    });
    const summary = { response: ids.map((id, i) => ({ href: `${urls.api}/restapi/v1.0/account/${ACCOUNT_ID}/call-log/${id}`, status: parts[i]!.status, responseDescription: parts[i]!.description })) };
    const body = [summary, ...parts.map((p) => p.body)].map((json) => `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(json)}\r\n`).join('') + `--${boundary}--\r\n`;
    res.status(207).type(`multipart/mixed; boundary=${boundary}`).send(body);
  };
  account.get('/call-log', authorized('Heavy'), listCallLog(null));
  account.get('/extension/:extensionId/call-log', authorized('Heavy'), (req, res) => listCallLog(param(req, 'extensionId') || '~')(req, res));
  const syncCallLog = (extensionId: string | null) => (req: Request, res: Response) => {
    if (!accountOk(req, res)) return;
    sync.handle(req, res, syncSource(extensionId === '~' ? owner.id : extensionId), `${urls.api}${req.originalUrl}`);
  };
  account.get('/call-log-sync', authorized('Heavy'), syncCallLog(null));
  account.get('/extension/:extensionId/call-log-sync', authorized('Heavy'), (req, res) => syncCallLog(param(req, 'extensionId') || '~')(req, res));
  account.get('/call-log/:recordIds', authorized('Heavy'), readRecords);
  account.get('/extension/:extensionId/call-log/:recordIds', authorized('Heavy'), readRecords);
  account.get('/extension', authorized('Medium'), (req, res) => {
    if (!accountOk(req, res)) return;
    const page = Number(req.query['page'] ?? 1);
    const perPage = Math.min(Number(req.query['perPage'] ?? 100), 1000);
    if (!Number.isInteger(page) || page < 1) return invalidParameter(res, 'page', String(req.query['page']));
    if (!Number.isInteger(perPage) || perPage < 1) return invalidParameter(res, 'perPage', String(req.query['perPage']));
    // Deleted extensions are gone from the directory, though old calls still name them.
    const all = dataSet.extensionsOf('ringcentral').filter((e) => e.active);
    const uri = (p: number) => `${urls.api}/restapi/v1.0/account/${ACCOUNT_ID}/extension?page=${p}&perPage=${perPage}`;
    res.json(pagedList(all, page, perPage, uri, (e) => renderExtension(e, urls), true));
  });
  account.get('/extension/:extensionId', authorized('Light'), (req, res) => {
    if (!accountOk(req, res)) return;
    const id = param(req, 'extensionId') === '~' ? owner.id : param(req, 'extensionId');
    const ext = extensions.get(id);
    if (!ext || !ext.active) return notFound(res, 'extensionId', id);
    res.json(renderExtension(ext, urls));
  });
  account.get('/recording/:recordingId', authorized('Heavy'), (req, res) => {
    if (!accountOk(req, res)) return;
    const rec = dataSet.recording('ringcentral', param(req, 'recordingId'));
    if (!rec) return notFound(res, 'recordingId', param(req, 'recordingId'));
    res.json({
      uri: `${urls.api}/restapi/v1.0/account/${ACCOUNT_ID}/recording/${rec.id}`,
      id: rec.id,
      contentUri: `${urls.media}/restapi/v1.0/account/${ACCOUNT_ID}/recording/${rec.id}/content`,
      contentType: 'audio/wav',
      duration: rec.duration,
    });
  });
  api.use('/restapi/v1.0/account/:accountId', account);
  api.use((_req, res) => sendRcError(res, 404, 'CMN-102', 'Resource for parameter [path] is not found'));

  // Recording content is served from the media host only (vendors.md §1.5), with Range.
  const media = express();
  media.disable('x-powered-by');
  media.use(control.httpRoutes(), control.faultInjector());
  media.get('/restapi/v1.0/account/:accountId/recording/:recordingId/content', authorized('Heavy'), (req, res) => {
    if (!accountOk(req, res)) return;
    const rec = dataSet.recording('ringcentral', param(req, 'recordingId'));
    if (!rec) return notFound(res, 'recordingId', param(req, 'recordingId'));
    const audio = generateWav(rec.id, rec.duration);
    const range = serveByteRange(audio.length, req.headers.range);
    res.status(range.status).set({ 'Content-Type': 'audio/wav', 'Accept-Ranges': 'bytes', ...range.headers });
    res.end(range.status === 416 ? undefined : audio.subarray(range.start, range.end + 1));
  });
  media.use((_req, res) => sendRcError(res, 404, 'CMN-102', 'Resource for parameter [path] is not found'));

  apiServer.on('request', api);
  mediaServer.on('request', media);
  return {
    baseUrl: urls.api,
    mediaBaseUrl: urls.media,
    control,
    listAll: () => records().map((record) => renderRecord(record, false, urls, extensions)),
    requestLog: () => control.requestLog(),
    stop: async () => {
      control.releaseHung();
      await Promise.all([closeServer(apiServer), closeServer(mediaServer)]);
    },
  };
}

/** A route parameter as one string (Express 5 types allow arrays for wildcard params). */
function param(req: Request, name: string): string {
  const value = req.params[name];
  return Array.isArray(value) ? value.join('/') : (value ?? '');
}

function pick<T extends object, K extends keyof T>(obj: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => obj[k] !== undefined).map((k) => [k, obj[k]])) as Partial<Pick<T, K>>;
}

/** A small, stable hash of a string (FNV-1a), for per-record choices that must not change between reads. */
function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}
