import { Server } from 'node:http';
import cors from 'cors';
import { RequestHandler } from 'express';
import helmet from 'helmet';
import { CallbridgeConfig } from '../config/config.schema';

/** What the server opens to the world, with the defaults of its mode resolved (docs/security.md). */
export interface EdgeProfile {
  readonly introspection: boolean;
  readonly graphiql: boolean;
  /** The sample call explorer at /explorer/. */
  readonly explorer: boolean;
  readonly fieldSuggestions: boolean;
  /** Exact origins, or the sandbox's local development origins. */
  readonly corsOrigins: readonly string[] | 'local-development';
  /** The metrics listener, or null for the API port (the sandbox's default). */
  readonly metrics: { readonly port: number; readonly host: string } | null;
}

/** Prometheus' conventional exporter port: production serves metrics there, on loopback, unless told otherwise. */
const DEFAULT_METRICS_PORT = 9464;

export function edgeProfile(config: Pick<CallbridgeConfig, 'mode' | 'server'>): EdgeProfile {
  const sandbox = config.mode === 'sandbox';
  const { server } = config;
  const metricsPort = server.metricsPort ?? (sandbox ? null : DEFAULT_METRICS_PORT);
  return {
    introspection: server.introspection ?? sandbox,
    graphiql: (server.graphiql ?? sandbox) && (server.introspection ?? sandbox),
    explorer: server.explorer ?? sandbox,
    fieldSuggestions: server.fieldSuggestions,
    corsOrigins: server.corsOrigins ?? (sandbox ? 'local-development' : []),
    metrics: metricsPort === null ? null : { port: metricsPort, host: server.metricsHost },
  };
}

/** A page on this machine: any port of localhost or the loopback addresses, over http. */
const LOCAL_DEVELOPMENT = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/**
 * CORS for browser frontends on other origins: an allowlist, preflights answered, no cookies (the API key is
 * a header, so `credentials` is never needed and never allowed). Retry-After is exposed for 429 answers.
 */
export function corsPolicy(profile: EdgeProfile): RequestHandler {
  const allowed = (origin: string): boolean => (profile.corsOrigins === 'local-development' ? LOCAL_DEVELOPMENT.test(origin) : profile.corsOrigins.includes(origin));
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed(origin)),
    methods: ['GET', 'POST', 'HEAD', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'apollo-require-preflight', 'x-apollo-operation-name', 'range', 'x-request-id'],
    exposedHeaders: ['retry-after', 'content-range', 'accept-ranges', 'content-length', 'x-request-id'],
    credentials: false,
    maxAge: 600,
  });
}

/**
 * Security headers on every answer (helmet). The content security policy lets the playground run from the
 * server's own files only: its scripts and styles come from /graphiql-assets, it talks to this origin. Recording
 * downloads may be embedded by frontends on other origins (an <audio> element), so resources are cross-origin.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // GraphiQL sets styles on elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'none'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginEmbedderPolicy: false,
  });
}

/** Slow and idle clients cannot hold connections for long, nor open too many. */
export function boundConnections(httpServer: Server, settings: CallbridgeConfig['server']): void {
  httpServer.headersTimeout = settings.headersTimeoutMs;
  httpServer.requestTimeout = settings.requestTimeoutMs;
  httpServer.keepAliveTimeout = settings.keepAliveTimeoutMs;
  httpServer.maxConnections = settings.maxConnections;
}
