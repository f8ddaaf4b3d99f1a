import { delay } from '../../lib/delay';
import express, { NextFunction, Request, Response, Router } from 'express';
import { SandboxCallControl } from '../dataset/sandbox-dataset';

/** Faults a simulator injects into its vendor routes (PUT /__sandbox/faults). */
export interface Faults {
  readonly latencyMs?: readonly [number, number];
  readonly errorRate?: number;
  readonly rateLimitRate?: number;
  readonly hangRate?: number;
  readonly malformedRate?: number;
}

/** How one vendor answers an injected fault, in its own words. */
export interface VendorFaultResponses {
  /** The vendor's own 5xx. */
  serverError(res: Response): void;
  /** The vendor's own rate-limit answer (429, or a JSON-RPC limit error). */
  rateLimited(res: Response): void;
}

/** One vendor HTTP request as a simulator saw it (for tests that check what was asked). */
export interface HttpRequestRecord {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, unknown>;
  readonly status: number;
}

const LOG_SIZE = 2000;

export interface RouteStats {
  total: number;
  routes: Record<string, Record<string, number>>;
}

/**
 * The control contract every vendor simulator serves beside its vendor API, so that tests, benchmarks
 * and people drive all of them alike: GET /__sandbox/stats, POST /__sandbox/reset, PUT /__sandbox/faults,
 * POST /__sandbox/calls, PATCH and DELETE /__sandbox/calls/{id}.
 */
export class SimulatorControl {
  private stats: RouteStats = { total: 0, routes: {} };
  private faults: Faults = {};
  private readonly hung = new Set<Response>();
  private readonly log: HttpRequestRecord[] = [];

  constructor(
    private readonly responses: VendorFaultResponses,
    /** The data set's calls of this simulator; null for a simulator without calls (the CRM). */
    private readonly calls: SandboxCallControl | null,
    private readonly random: () => number = Math.random,
  ) {}

  /** Counts a vendor request under its route (a method and path, or a JSON-RPC method name). */
  count(route: string, status: number): void {
    this.stats.total += 1;
    const byStatus = (this.stats.routes[route] ??= {});
    byStatus[String(status)] = (byStatus[String(status)] ?? 0) + 1;
  }

  /** Middleware for REST routes: counts each request under "METHOD path" and keeps the last ones. */
  httpRoutes() {
    return (req: Request, res: Response, next: NextFunction): void => {
      res.on('finish', () => {
        const path = req.originalUrl.split('?')[0]!;
        this.count(`${req.method} ${path}`, res.statusCode);
        this.log.push({ method: req.method, path, query: { ...(req.query as Record<string, unknown>) }, status: res.statusCode });
        if (this.log.length > LOG_SIZE) this.log.shift();
      });
      next();
    };
  }

  /** The last HTTP requests counted by httpRoutes(), newest last. */
  requestLog(): readonly HttpRequestRecord[] {
    return [...this.log];
  }

  snapshot(): RouteStats {
    return JSON.parse(JSON.stringify(this.stats)) as RouteStats;
  }

  /** The /__sandbox routes. */
  router(): Router {
    const router = Router();
    router.get('/__sandbox/stats', (_req, res) => void res.json(this.stats));
    router.post('/__sandbox/reset', (_req, res) => {
      this.stats = { total: 0, routes: {} };
      this.faults = {};
      res.json({ ok: true });
    });
    router.put('/__sandbox/faults', express.json(), (req, res) => {
      const problem = validateFaults(req.body);
      if (problem) return void res.status(400).json({ error: problem });
      this.faults = req.body as Faults;
      res.json({ faults: this.faults });
    });
    if (this.calls) this.callRoutes(router, this.calls);
    return router;
  }

  private callRoutes(router: Router, calls: SandboxCallControl): void {
    // New calls, now or in the past: a record that arrives late, behind where a client has already read.
    router.post('/__sandbox/calls', express.json(), (req, res) => {
      const { count, startedSecondsAgo = 0 } = (req.body ?? {}) as { count?: unknown; startedSecondsAgo?: unknown };
      if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > 10_000) {
        return void res.status(400).json({ error: 'count must be an integer from 1 to 10000' });
      }
      if (typeof startedSecondsAgo !== 'number' || !Number.isFinite(startedSecondsAgo) || startedSecondsAgo < 0 || startedSecondsAgo > 366 * 86_400) {
        return void res.status(400).json({ error: 'startedSecondsAgo must be a number of seconds from 0 to 366 days' });
      }
      res.json({ ids: calls.append(count as number, startedSecondsAgo) });
    });
    // A record whose final figures arrive after it was first served: a longer duration, a recording.
    router.patch('/__sandbox/calls/:id', express.json(), (req, res) => {
      const { extendSeconds, addRecording, ...rest } = (req.body ?? {}) as { extendSeconds?: unknown; addRecording?: unknown };
      if (Object.keys(rest).length > 0) return void res.status(400).json({ error: `unknown fields: ${Object.keys(rest).join(', ')}` });
      if (extendSeconds !== undefined && (!Number.isInteger(extendSeconds) || (extendSeconds as number) < 1 || (extendSeconds as number) > 3600)) {
        return void res.status(400).json({ error: 'extendSeconds must be an integer from 1 to 3600' });
      }
      if (addRecording !== undefined && typeof addRecording !== 'boolean') return void res.status(400).json({ error: 'addRecording must be a boolean' });
      if (extendSeconds === undefined && addRecording !== true) return void res.status(400).json({ error: 'nothing to change: give extendSeconds or addRecording: true' });
      const id = req.params['id']!;
      if (!calls.change(id, { extendSeconds: extendSeconds as number | undefined, addRecording: addRecording as boolean | undefined })) {
        return void res.status(404).json({ error: `no call ${id}` });
      }
      res.json({ changed: id });
    });
    // A record the vendor removed: by-id reads answer "not found", and pages shift under a client's offsets.
    router.delete('/__sandbox/calls/:id', (req, res) => {
      const id = req.params['id']!;
      if (!calls.remove(id)) return void res.status(404).json({ error: `no call ${id}` });
      res.json({ deleted: id });
    });
  }

  /**
   * Middleware for vendor routes: applies latency and faults before the route runs. `malformed`
   * lets the route's JSON body be cut short (truncated JSON) when the fault fires.
   */
  faultInjector() {
    return async (_req: Request, res: Response, next: NextFunction): Promise<void> => {
      const f = this.faults;
      if (f.latencyMs) {
        const [min, max] = f.latencyMs;
        await delay(min + this.random() * Math.max(0, max - min));
      }
      if (f.hangRate && this.random() < f.hangRate) {
        // Never answer; the socket closes when the client gives up or the simulator stops.
        this.hung.add(res);
        res.on('close', () => this.hung.delete(res));
        return;
      }
      if (f.errorRate && this.random() < f.errorRate) return this.responses.serverError(res);
      if (f.rateLimitRate && this.random() < f.rateLimitRate) return this.responses.rateLimited(res);
      if (f.malformedRate && this.random() < f.malformedRate) malformJsonBodies(res, MALFORMATIONS[Math.floor(this.random() * MALFORMATIONS.length)]!);
      next();
    };
  }

  /** Ends the requests left hanging (for a clean shutdown). */
  releaseHung(): void {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
  }
}

function validateFaults(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object';
  const allowed = ['latencyMs', 'errorRate', 'rateLimitRate', 'hangRate', 'malformedRate'];
  for (const [key, value] of Object.entries(body)) {
    if (!allowed.includes(key)) return `unknown fault "${key}"`;
    if (key === 'latencyMs') {
      if (!Array.isArray(value) || value.length !== 2 || !value.every((n) => typeof n === 'number' && n >= 0) || value[0] > value[1]) {
        return 'latencyMs must be [min, max] milliseconds';
      }
    } else if (typeof value !== 'number' || value < 0 || value > 1) return `${key} must be a number from 0 to 1`;
  }
  return null;
}

/** How an injected malformed answer is broken. */
type Malformation = 'truncated' | 'missing-fields' | 'wrong-types';
const MALFORMATIONS: readonly Malformation[] = ['truncated', 'missing-fields', 'wrong-types'];

/**
 * Breaks the next JSON body this response sends: cut in half (invalid JSON), or valid JSON whose first
 * listed record lost its fields or carries every value with the wrong type (strings become numbers,
 * numbers and booleans become strings, objects become strings).
 */
function malformJsonBodies(res: Response, how: Malformation): void {
  const send = res.send.bind(res);
  res.send = ((body?: unknown) => {
    const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : JSON.stringify(body);
    res.type('application/json');
    if (how === 'truncated') return send(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return send(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    }
    const record = firstListedRecord(parsed);
    if (!record) return send(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    for (const key of Object.keys(record)) {
      if (how === 'missing-fields') delete record[key];
      else record[key] = wrongType(record[key]);
    }
    return send(JSON.stringify(parsed));
  }) as Response['send'];
}

/** The first object inside the first array of objects in a body (depth first). */
function firstListedRecord(value: unknown): Record<string, unknown> | null {
  if (Array.isArray(value)) {
    const first = value.find((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
    if (first) return first as Record<string, unknown>;
    for (const item of value) {
      const found = firstListedRecord(item);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) {
      const found = firstListedRecord(child);
      if (found) return found;
    }
  }
  return null;
}

function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number' || typeof value === 'boolean') return 'not-a-' + typeof value;
  if (value === null) return { unexpected: true };
  return 'not-an-object';
}
