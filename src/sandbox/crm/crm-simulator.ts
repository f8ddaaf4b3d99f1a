import express, { NextFunction, Request, Response } from 'express';
import { createServer } from 'node:http';
import { closeServer, listen, urlOf } from '../../lib/http-server';
import { SimulatorControl } from '../control/simulator-control';
import { SandboxDataSet } from '../dataset/sandbox-dataset';
import { CrmActivity, CrmPerson, crmPeople, pipedriveTime } from './crm-records';
import { crmPage } from './crm-page';

export interface CrmSimulatorOptions {
  readonly dataSet: SandboxDataSet;
  /** The vendors whose callers become people. */
  readonly vendors: readonly string[];
  readonly port?: number;
  readonly host?: string;
  /** The API token (`Authorization: Bearer <token>`). */
  readonly token?: string;
  /** Requests one token may make in any 2 seconds (Pipedrive's rolling 2-second window). */
  readonly requestsPer2s?: number;
  readonly now?: () => number;
}

export interface RunningCrmSimulator {
  readonly baseUrl: string;
  readonly token: string;
  readonly control: SimulatorControl;
  /** Every activity, in id order (tests and the sandbox page). */
  activities(): readonly CrmActivity[];
  people(): readonly CrmPerson[];
  /** The share of writes that are done and then never answered (a lost answer: the connection drops). */
  setLostAnswerRate(rate: number): void;
  stop(): Promise<void>;
}

export const CRM_SANDBOX_TOKEN = 'sandbox-crm-token';
export const CRM_DEFAULT_REQUESTS_PER_2S = 40;

/**
 * A CRM for the sandbox, in Pipedrive's shape (the seed's App Connect connector is written for Pipedrive:
 * https://developers.pipedrive.com/docs/api/v1): people found by phone, call activities with an HTML note, bearer
 * tokens, a rolling 2-second rate limit with 429 and Retry-After, the sandbox control contract (faults, stats)
 * and writes whose answer is lost. Activities carry `call_session_id`, a custom field, so a log can be found by
 * its call. GET / shows the activities to a person.
 */
export async function startCrmSimulator(options: CrmSimulatorOptions): Promise<RunningCrmSimulator> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const token = options.token ?? CRM_SANDBOX_TOKEN;
  const limit = options.requestsPer2s ?? CRM_DEFAULT_REQUESTS_PER_2S;
  const people = crmPeople(options.dataSet, options.vendors, now());
  const activities = new Map<number, CrmActivity>();
  let nextActivity = 1;
  let lostAnswerRate = 0;
  const recent: number[] = [];

  const fail = (res: Response, status: number, error: string): void => void res.status(status).json({ success: false, error, errorCode: status });
  const control = new SimulatorControl(
    {
      serverError: (res) => fail(res, 503, 'Service Unavailable'),
      rateLimited: (res) => {
        res.set({ 'Retry-After': '1', 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' });
        fail(res, 429, 'Request over limit');
      },
    },
    null,
  );

  const app = express();
  app.disable('x-powered-by');
  app.get('/', (_req, res) => void res.type('html').send(crmPage([...activities.values()], people)));
  app.use(control.router());
  app.get('/__sandbox/activities', (_req, res) => void res.json({ data: [...activities.values()] }));

  const api = express.Router();
  api.use(control.httpRoutes());
  api.use((req: Request, res: Response, next: NextFunction) => {
    if (req.headers.authorization !== `Bearer ${token}`) return fail(res, 401, 'unauthorized access');
    const t = now();
    while (recent.length > 0 && recent[0]! <= t - 2000) recent.shift();
    if (recent.length >= limit) {
      res.set({ 'Retry-After': '2', 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2' });
      return fail(res, 429, 'Request over limit');
    }
    recent.push(t);
    next();
  });
  api.use(control.faultInjector());
  api.use(express.json({ limit: '1mb' }));
  // A write that is done and then never answered: the caller cannot tell it from one that never arrived.
  const answer = (res: Response, body: unknown, status = 200): void => {
    if (lostAnswerRate > 0 && Math.random() < lostAnswerRate) return void res.socket?.destroy();
    res.status(status).json(body);
  };

  api.get('/persons/search', (req, res) => {
    const term = String(req.query['term'] ?? '');
    if (term.length < 2) return fail(res, 400, 'term must be at least 2 characters');
    const exact = req.query['exact_match'] === 'true';
    const found = people.filter((p) => p.phone.some((ph) => (exact ? ph.value === term : ph.value.includes(term))));
    // Newest first, as a relevance search may answer: the earliest-created match is not necessarily the first.
    const items = found.reverse().map((item) => ({ result_score: 1, item: { id: item.id, type: 'person', name: item.name, phones: item.phone.map((p) => p.value), add_time: item.add_time } }));
    res.json({ success: true, data: { items }, additional_data: { pagination: { start: 0, limit: 100, more_items_in_collection: false } } });
  });
  api.get('/persons/:id', (req, res) => {
    const person = people.find((p) => p.id === Number(req.params['id']));
    if (!person) return fail(res, 404, 'Person not found');
    res.json({ success: true, data: { ...person, org_id: null } });
  });
  api.post('/activities', (req, res) => {
    const problem = activityProblem(req.body, true, people);
    if (problem) return fail(res, 400, problem);
    const t = pipedriveTime(now());
    const body = req.body as Partial<CrmActivity>;
    const activity: CrmActivity = {
      id: nextActivity++,
      subject: body.subject!,
      type: body.type!,
      done: Boolean(body.done),
      due_date: body.due_date ?? null,
      due_time: body.due_time ?? null,
      duration: body.duration ?? null,
      person_id: body.person_id ?? null,
      user_id: body.user_id ?? null,
      note: body.note ?? null,
      call_session_id: body.call_session_id ?? null,
      add_time: t,
      update_time: t,
    };
    activities.set(activity.id, activity);
    answer(res, { success: true, data: activity }, 201);
  });
  api.get('/activities', (req, res) => {
    const session = req.query['call_session_id'];
    const start = Number(req.query['start'] ?? 0);
    const size = Math.min(500, Number(req.query['limit'] ?? 100));
    if (!Number.isInteger(start) || start < 0 || !Number.isInteger(size) || size < 1) return fail(res, 400, 'start and limit must be whole numbers');
    const all = [...activities.values()].filter((a) => session === undefined || a.call_session_id === session);
    res.json({ success: true, data: all.slice(start, start + size), additional_data: { pagination: { start, limit: size, more_items_in_collection: all.length > start + size } } });
  });
  api.get('/activities/:id', (req, res) => {
    const activity = activities.get(Number(req.params['id']));
    if (!activity) return fail(res, 404, 'Activity not found');
    res.json({ success: true, data: activity });
  });
  api.put('/activities/:id', (req, res) => {
    const activity = activities.get(Number(req.params['id']));
    if (!activity) return fail(res, 404, 'Activity not found');
    const problem = activityProblem(req.body, false, people);
    if (problem) return fail(res, 400, problem);
    Object.assign(activity, pick(req.body as Record<string, unknown>), { update_time: pipedriveTime(now()) });
    answer(res, { success: true, data: activity });
  });
  app.use('/v1', api);
  app.use((_req, res) => fail(res, 404, 'Not found'));

  const server = createServer(app);
  await listen(server, options.port ?? 4104, host);
  return {
    baseUrl: urlOf(server, host),
    token,
    control,
    activities: () => [...activities.values()],
    people: () => people,
    setLostAnswerRate: (rate) => void (lostAnswerRate = rate),
    stop: async () => {
      control.releaseHung();
      await closeServer(server);
    },
  };
}

const FIELDS = ['subject', 'type', 'done', 'due_date', 'due_time', 'duration', 'person_id', 'user_id', 'note', 'call_session_id'] as const;

function pick(body: Record<string, unknown>): Partial<CrmActivity> {
  return Object.fromEntries(FIELDS.filter((f) => body[f] !== undefined).map((f) => [f, body[f]])) as Partial<CrmActivity>;
}

/** What Pipedrive would refuse in an activity: a missing subject or type on creation, wrong formats, an unknown person. */
function activityProblem(body: unknown, creating: boolean, people: readonly CrmPerson[]): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object';
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).filter((k) => !(FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0) return `unknown fields: ${unknown.join(', ')}`;
  if (creating && (typeof b['subject'] !== 'string' || b['subject'] === '')) return 'subject is required';
  if (creating && typeof b['type'] !== 'string') return 'type is required';
  if (b['due_date'] !== undefined && b['due_date'] !== null && !/^\d{4}-\d{2}-\d{2}$/.test(String(b['due_date']))) return 'due_date must be YYYY-MM-DD';
  if (b['due_time'] !== undefined && b['due_time'] !== null && !/^\d{2}:\d{2}$/.test(String(b['due_time']))) return 'due_time must be HH:MM';
  if (b['duration'] !== undefined && b['duration'] !== null && !/^\d{2,}:\d{2}$/.test(String(b['duration']))) return 'duration must be HH:MM';
  if (b['person_id'] !== undefined && b['person_id'] !== null && !people.some((p) => p.id === b['person_id'])) return 'person_id is not a person';
  if (b['note'] !== undefined && b['note'] !== null && (typeof b['note'] !== 'string' || b['note'].length > 100_000)) return 'note must be a string of at most 100000 characters';
  return null;
}
