import { createServer } from 'node:http';
import express, { NextFunction, Request, Response } from 'express';
import { serveByteRange } from '../../lib/byte-range';
import { closeServer, listen, urlOf } from '../../lib/http-server';
import { generateWav } from '../audio/wav';
import { SimulatorControl } from '../control/simulator-control';
import { SandboxDataSet } from '../dataset/sandbox-dataset';
import { SandboxCall, SandboxExtension } from '../dataset/types';
import { CALLS_REPORT_FIELDS, CALL_LEGS_REPORT_FIELDS, EMPLOYEES_FIELDS } from './cg-fields';
import { CgLimitSettings, CgPointLimiter } from './cg-limits';
import { CgRenderContext, fullRecordLinkId, renderEmployee, renderLegs, renderSession, voicemailRecordId } from './cg-records';
import { ListMethodSpec, ListQuery, compareValues, matchesFilter, parseListQuery } from './cg-report-query';
import { RpcCall, RpcFailure, RpcId, invalidParams, parseEnvelope, rpcError, rpcResult, tokenError } from './cg-rpc';
import { CG_SANDBOX_CREDENTIALS } from './cg-sandbox-credentials';

export interface CallGearSimulatorOptions {
  readonly dataSet: SandboxDataSet;
  readonly host?: string;
  /** Port (default 4102; 0 picks a free one). */
  readonly port?: number;
  /** The account's IANA zone: every datetime in and out is a wall time there (default Europe/Berlin). */
  readonly timeZone?: string;
  readonly accessToken?: string;
  readonly login?: string;
  readonly password?: string;
  /** Lifetime of login.user sessions (documented: one hour). */
  readonly sessionTtlSeconds?: number;
  readonly limits?: Partial<CgLimitSettings>;
  /** A variant nobody documents: date_from and date_till themselves are outside the range (vendors.md §2.2). */
  readonly exclusiveRangeEnds?: boolean;
  readonly now?: () => number;
}

export interface CgRequestRecord {
  readonly method: string;
  readonly params: Record<string, unknown>;
  /** 'ok', or the JSON-RPC error code. */
  readonly outcome: 'ok' | number;
  /** Other JSON-RPC requests being answered when this one arrived (shows which requests a client sent together). */
  readonly othersInFlight: number;
}

export interface RunningCallGearSimulator {
  readonly baseUrl: string;
  /** Where recording links point (the simulator serves them itself). */
  readonly mediaBaseUrl: string;
  readonly timeZone: string;
  readonly control: SimulatorControl;
  /** The last vendor calls, newest last: for tests that check what was asked (tokens are removed). */
  requestLog(): readonly CgRequestRecord[];
  stop(): Promise<void>;
}

/** Generous defaults: CallGear does not publish its budgets (vendors.md §2.3). */
export const CG_DEFAULT_LIMITS: CgLimitSettings = { minuteLimit: 1000, dayLimit: 100_000 };

const CALLS_SPEC: ListMethodSpec = { fields: CALLS_REPORT_FIELDS, dated: true, extraParams: ['include_ongoing_calls'] };
const LEGS_SPEC: ListMethodSpec = { fields: CALL_LEGS_REPORT_FIELDS, dated: true };
const EMPLOYEES_SPEC: ListMethodSpec = { fields: EMPLOYEES_FIELDS, dated: false };

type Row = Record<string, unknown>;

/**
 * A CallGear Data API simulator (vendors.md §2, seed 002): JSON-RPC 2.0 on POST /v2.0 with login.user,
 * get.calls_report, get.call_legs_report and get.employees; point limits; recording media at the documented
 * link shapes; and the sandbox control contract.
 */
export async function startCallGearSimulator(options: CallGearSimulatorOptions): Promise<RunningCallGearSimulator> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const zone = options.timeZone ?? 'Europe/Berlin';
  const creds = {
    accessToken: options.accessToken ?? CG_SANDBOX_CREDENTIALS.accessToken,
    login: options.login ?? CG_SANDBOX_CREDENTIALS.login,
    password: options.password ?? CG_SANDBOX_CREDENTIALS.password,
  };
  const sessionTtl = (options.sessionTtlSeconds ?? 3600) * 1000;
  const sessions = new Map<string, number>();
  const limiter = new CgPointLimiter({ ...CG_DEFAULT_LIMITS, ...options.limits }, now);
  const { dataSet } = options;
  const extensions = new Map<string, SandboxExtension>(dataSet.extensionsOf('callgear').map((e) => [e.id, e]));
  const server = createServer();
  await listen(server, options.port ?? 4102, host);
  const baseUrl = urlOf(server, host);
  const ctx: CgRenderContext = { zone, mediaBase: baseUrl, extensions };

  const control = new SimulatorControl(
    {
      serverError: (res) => void res.status(500).json(rpcError(res.locals['rpcId'] ?? null, new RpcFailure(-32603, 'internal_error', 'Internal error').toObject())),
      // An injected limit is a blip: its budget resets in one second.
      rateLimited: (res) => void res.json(rpcError(res.locals['rpcId'] ?? null, limitFailure('minute').toObject({ limits: { ...limiter.report(), minute_remaining: 0, minute_reset: 1 } }))),
    },
    dataSet.callControlOf('callgear', now),
  );
  const limitFailure = (type: 'minute' | 'day') =>
    new RpcFailure(-32029, 'limit_exceeded', `Limit per ${type} has been exceeded. Value of current limit per ${type} is ${limiter.limitOf(type)}`);

  // Rendered rows in time order (ties by id), rebuilt when calls are added or deleted. A session's `endsAt` is when
  // its call ends: get.calls_report hides it until then unless asked for ongoing calls (vendors.md §2.9).
  type Entry = { row: Row; at: number; endsAt?: number };
  let indexedVersion = -1; // the data set version the index was built from
  let lastEnd = -Infinity;
  let sessionEntries: Entry[] = [];
  let legEntries: Entry[] = [];
  const rendered = new WeakMap<SandboxCall, { session: Row; legs: Row[] }>(); // a changed call is a new object
  const index = (): void => {
    if (dataSet.version === indexedVersion) return;
    const calls = dataSet.callsOf('callgear');
    const ordered = [...calls].sort((a, b) => a.start.getTime() - b.start.getTime() || Number(a.id) - Number(b.id));
    for (const call of ordered) if (!rendered.has(call)) rendered.set(call, { session: renderSession(call, ctx), legs: renderLegs(call, ctx) });
    sessionEntries = ordered.map((call) => ({ row: rendered.get(call)!.session, at: call.start.getTime(), endsAt: call.end.getTime() }));
    lastEnd = ordered.reduce((latest, call) => Math.max(latest, call.end.getTime()), -Infinity);
    legEntries = ordered.flatMap((call) => rendered.get(call)!.legs.map((row, i) => ({ row, at: call.legs[i]?.start.getTime() ?? call.start.getTime() })));
    indexedVersion = dataSet.version;
  };

  const authenticate = (params: Record<string, unknown>): void => {
    const token = params['access_token'];
    if (token === undefined) throw invalidParams('required_parameter_missed', 'Required parameter "access_token" is missed', 'access_token');
    if (typeof token !== 'string') throw invalidParams('data_type_error', 'Parameter "access_token" must be a string', 'access_token');
    if (token === creds.accessToken) return;
    const expiresAt = sessions.get(token);
    if (expiresAt === undefined) throw tokenError('access_token_invalid', 'Access token is invalid');
    if (expiresAt <= now()) throw tokenError('access_token_expired', 'Access token has expired');
    if (params['user_id'] !== undefined && typeof params['user_id'] !== 'number') throw invalidParams('data_type_error', 'Parameter "user_id" must be a number', 'user_id');
  };

  /**
   * A page of rows in the asked order, projected to the asked fields. The matching rows of recent queries are
   * kept (until calls are appended), so paging through offsets does not filter the whole data set again.
   */
  const matches = new Map<string, { count: number; rows: Entry[] }>();
  const page = (kind: string, all: readonly Entry[], query: ListQuery): Row => {
    const key = JSON.stringify([kind, query.dateFrom, query.dateTill, query.filter, query.sort]);
    let cached = matches.get(key);
    if (!cached || cached.count !== indexedVersion) {
      const rows = all.filter(({ row }) => inRange(row['start_time'] as string, query.dateFrom, query.dateTill, options.exclusiveRangeEnds ?? false) && matchesFilter(row, query.filter));
      if (query.sort.length > 0) {
        // start_time sorts by the instant (a wall time repeats when clocks go back); ties keep time order.
        rows.sort((a, b) => {
          for (const { field, order } of query.sort) {
            const c = field === 'start_time' ? a.at - b.at : compareValues(a.row[field], b.row[field]);
            if (c !== 0) return order === 'asc' ? c : -c;
          }
          return 0;
        });
      }
      cached = { count: indexedVersion, rows };
      if (matches.size >= 8) matches.delete(matches.keys().next().value!);
      matches.set(key, cached);
    }
    const data = cached.rows.slice(query.offset, query.offset + query.limit).map(({ row }) => Object.fromEntries(query.fields.map((f) => [f, row[f] ?? null])));
    return { metadata: { total_items: cached.rows.length, limits: limiter.report() }, data };
  };

  const methods: Record<string, (params: Record<string, unknown>) => Row> = {
    'login.user': (params) => {
      const { login, password } = params;
      if (typeof login !== 'string') throw invalidParams('required_parameter_missed', 'Required parameter "login" is missed', 'login');
      if (typeof password !== 'string') throw invalidParams('required_parameter_missed', 'Required parameter "password" is missed', 'password');
      if (login !== creds.login || password !== creds.password) throw tokenError('auth_error', 'Authorization error: wrong login or password');
      const token = `cg-session-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
      const expireAt = now() + sessionTtl;
      sessions.set(token, expireAt);
      return { metadata: { limits: limiter.report() }, data: { access_token: token, expire_at: Math.floor(expireAt / 1000), app_id: 100500 } };
    },
    'get.calls_report': (params) => {
      authenticate(params);
      const query = parseListQuery(params, CALLS_SPEC);
      if (params['include_ongoing_calls'] !== undefined && typeof params['include_ongoing_calls'] !== 'boolean') {
        throw invalidParams('data_type_error', 'Parameter "include_ongoing_calls" must be a boolean', 'include_ongoing_calls');
      }
      index();
      // Calls still in progress are left out unless asked for (vendors.md §2.9): a long call shows up only
      // when it ends, with a start time well in the past. Most of the time none is in progress.
      const at = now();
      if (params['include_ongoing_calls'] === true || lastEnd <= at) return page('calls', sessionEntries, query);
      const ended = sessionEntries.filter((entry) => entry.endsAt! <= at);
      return page(`calls ended:${ended.length}`, ended, query);
    },
    'get.call_legs_report': (params) => {
      authenticate(params);
      const query = parseListQuery(params, LEGS_SPEC);
      index();
      return page('legs', legEntries, query);
    },
    // The account's settings, its time zone among them: every datetime of the Data API is wall time there (vendors.md §2.9).
    'get.account': (params) => {
      authenticate(params);
      return { metadata: { limits: limiter.report() }, data: [{ app_id: 100500, name: 'Northwind Freight', timezone: zone }] };
    },
    'get.employees': (params) => {
      authenticate(params);
      const query = parseListQuery(params, EMPLOYEES_SPEC);
      const all = dataSet.extensionsOf('callgear');
      const groups = all.filter((e) => e.kind === 'queue');
      // Deleted employees are gone from the directory, though old calls still name them.
      const employees = all.filter((e) => e.kind === 'user' && e.active).map((e) => ({ row: renderEmployee(e, groups), at: 0 }));
      return page('employees', employees, query);
    },
  };

  const log: CgRequestRecord[] = [];
  let inFlight = 0;
  const record = (res: Response, method: string, params: Record<string, unknown>, outcome: 'ok' | number) => {
    const { access_token: _token, password: _password, ...safe } = params;
    log.push({ method, params: safe, outcome, othersInFlight: res.locals['othersInFlight'] as number });
    if (log.length > 2000) log.shift();
  };

  const app = express();
  app.disable('x-powered-by');
  app.use(control.router());

  // Read the envelope first: JSON-RPC requests are counted by method name.
  const envelope = (req: Request, res: Response, next: NextFunction) => {
    const parsed = parseEnvelope(typeof req.body === 'string' ? req.body : '');
    res.locals['envelope'] = parsed;
    res.locals['rpcId'] = 'failure' in parsed ? parsed.id : parsed.id;
    const route = 'failure' in parsed ? '(invalid request)' : parsed.method;
    res.locals['othersInFlight'] = inFlight;
    inFlight += 1;
    res.on('close', () => void (inFlight -= 1));
    res.on('finish', () => control.count(route, res.statusCode === 200 ? (res.locals['rpcCode'] ?? 200) : res.statusCode));
    next();
  };
  app.post('/v2.0', express.text({ type: () => true, limit: '1mb' }), envelope, control.faultInjector(), (_req, res) => {
    const parsed = res.locals['envelope'] as RpcCall | { failure: RpcFailure; id: RpcId };
    const fail = (id: RpcId, failure: RpcFailure, method: string, params: Record<string, unknown>) => {
      res.locals['rpcCode'] = failure.code;
      record(res, method, params, failure.code);
      res.json(rpcError(id, failure.toObject(failure.code === -32029 ? { limits: limiter.report() } : undefined)));
    };
    if ('failure' in parsed) return fail(parsed.id, parsed.failure, '(invalid request)', {});
    const handler = Object.hasOwn(methods, parsed.method) ? methods[parsed.method] : undefined;
    if (!handler) return fail(parsed.id, new RpcFailure(-32601, 'method_not_found', `Method "${parsed.method}" not found`), parsed.method, parsed.params);
    const spent = limiter.exceeded();
    if (spent) return fail(parsed.id, limitFailure(spent), parsed.method, parsed.params);
    try {
      const result = handler(parsed.params);
      limiter.charge();
      record(res, parsed.method, parsed.params, 'ok');
      res.json(rpcResult(parsed.id, result));
    } catch (error) {
      if (error instanceof RpcFailure) return fail(parsed.id, error, parsed.method, parsed.params);
      fail(parsed.id, new RpcFailure(-32603, 'internal_error', 'Internal error'), parsed.method, parsed.params);
    }
  });

  // Recording media, public by link as documented (vendors.md §2.8), with Range.
  const media = express.Router();
  const sendAudio = (req: Request, res: Response, seed: string, seconds: number) => {
    const audio = generateWav(seed, seconds);
    const range = serveByteRange(audio.length, req.headers.range);
    res.status(range.status).set({ 'Content-Type': 'audio/wav', 'Accept-Ranges': 'bytes', ...range.headers });
    res.end(range.status === 416 ? undefined : audio.subarray(range.start, range.end + 1));
  };
  const callById = (id: string): SandboxCall | undefined => dataSet.callsOf('callgear').find((c) => c.id === id);
  media.get(['/system/media/talk/:communicationId/:recordId', '/system/media/talk/:communicationId/:recordId/'], (req, res) => {
    const call = callById(String(req.params['communicationId']));
    const rec = call?.recordings.find((r) => r.id === req.params['recordId']);
    if (!rec) return void res.status(404).type('text/plain').send('Not found');
    sendAudio(req, res, rec.id, rec.duration);
  });
  media.get(['/system/media/voice_mail/:communicationId/:recordId', '/system/media/voice_mail/:communicationId/:recordId/'], (req, res) => {
    const call = callById(String(req.params['communicationId']));
    if (!call || voicemailRecordId(call) !== req.params['recordId']) return void res.status(404).type('text/plain').send('Not found');
    sendAudio(req, res, String(req.params['recordId']), Math.round((call.end.getTime() - call.start.getTime()) / 1000));
  });
  media.get('/:communicationId/:linkId', (req, res) => {
    const call = callById(String(req.params['communicationId']));
    if (!call || fullRecordLinkId(call) !== req.params['linkId']) return void res.status(404).type('text/plain').send('Not found');
    sendAudio(req, res, String(req.params['linkId']), call.recordings.reduce((sum, r) => sum + r.duration, 0));
  });
  app.use(control.httpRoutes(), control.faultInjector(), media);
  app.use((_req, res) => void res.status(404).type('text/plain').send('Not found'));

  server.on('request', app);
  return {
    baseUrl,
    mediaBaseUrl: baseUrl,
    timeZone: zone,
    control,
    requestLog: () => [...log],
    stop: async () => {
      control.releaseHung();
      await closeServer(server);
    },
  };
}

/** Whether a wall time is in [from, till] (or (from, till) in the exclusive variant); null bounds are open. */
function inRange(wall: string, from: string | null, till: string | null, exclusive: boolean): boolean {
  if (from !== null && (exclusive ? wall <= from : wall < from)) return false;
  return till === null || (exclusive ? wall < till : wall <= till);
}
