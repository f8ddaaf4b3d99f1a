import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express, { Request, RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import { Runtime } from '../app/runtime';
import { AppError } from '../domain/errors';
import { RequestLoaders } from '../history/request-loaders';
import { RequestContext } from '../schema/request-context';
import { graphiqlAssets, graphiqlPage } from './graphiql';
import { callExplorer } from './call-explorer';
import { faviconIco } from './favicon';
import { createGraphQLServer } from './graphql-server';
import { logEvent } from '../lib/logger';
import { operationOf, requestOperations } from './request-operation';
import { recordingRoute } from './recording-route';
import { RecordingCache } from '../recordings/recording-cache';
import { httpErrorHandler, unknownRoute, utf8JsonOnly } from './http-errors';
import { readinessRoute } from './readiness';
import { authenticatedScope, tenantLimits } from './tenant-limits';
import { boundConnections, corsPolicy, edgeProfile, securityHeaders } from './edge';

export interface RunningServer {
  readonly url: string;
  readonly httpServer: Server;
  /** Where Prometheus reads the metrics. */
  readonly metricsUrl: string;
  stop(): Promise<void>;
}

/** Starts the HTTP server: /graphql (API and playground), /recordings, /healthz, and /metrics and /readyz (see EdgeProfile). */
export async function startServer(runtime: Runtime, port: number, host = '127.0.0.1'): Promise<RunningServer> {
  const profile = edgeProfile(runtime.config);
  const app = express();
  app.disable('x-powered-by');
  // Express hashes every answer for an ETag; a GraphQL POST answer is never revalidated, so that is CPU for nothing.
  app.set('etag', false);
  // Idle and slow connections are checked every second, not Node's default 30 s, so their timeouts hold.
  const httpServer = createServer({ connectionsCheckingInterval: Math.min(1000, runtime.config.server.headersTimeoutMs) }, app);
  boundConnections(httpServer, runtime.config.server);
  const apollo = await createGraphQLServer(runtime.metrics, runtime.config, [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled()], profile);
  await apollo.start();

  app.use(securityHeaders());
  // A key sent as X-API-Key counts as the bearer key it is (it used to be silently ignored).
  app.use((req, _res, next) => {
    const apiKey = req.headers['x-api-key'];
    if (req.headers.authorization === undefined && typeof apiKey === 'string' && apiKey !== '') req.headers.authorization = `Bearer ${apiKey}`;
    next();
  });
  // Each request is one operation: its deadline and cancellation reach every vendor request it makes.
  app.use(requestOperations(runtime.config.upstream.operationDeadlineSeconds * 1000));
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  const metrics = metricsRoute(runtime);
  let started = false;
  const readiness = readinessRoute(runtime, () => started);
  // Metrics and readiness name every tenant's accounts: on a listener of their own unless the sandbox serves them here.
  const metricsServer = profile.metrics ? await listenMetrics(metrics, readiness, profile.metrics) : null;
  if (!profile.metrics) {
    app.get('/metrics', metrics);
    app.get('/readyz', readiness);
  }
  app.use(['/graphql', '/recordings'], corsPolicy(profile));
  if (profile.graphiql) {
    const requiresKey = runtime.config.anonymousTenant === undefined;
    app.use('/graphiql-assets', graphiqlAssets(requiresKey));
    const icon = faviconIco();
    app.get('/favicon.ico', (_req, res) => void res.type('image/x-icon').set('cache-control', 'public, max-age=86400').send(icon));
    app.get('/graphql', (req, res, next) => {
      if (req.query['query'] === undefined && req.accepts(['application/json', 'text/html']) === 'text/html') {
        res.type('html').send(graphiqlPage(requiresKey));
      } else next();
    });
  }
  if (profile.explorer) app.use('/explorer', callExplorer());
  // The inbound limit per tenant, before any work: GraphQL and recording downloads alike.
  const limits = runtime.config.limits;
  const perTenant = tenantLimits(runtime.tenants, { requestsPerMinute: limits.tenantRequestsPerMinute, requestsPerKeyPerMinute: limits.keyRequestsPerMinute, maxConcurrent: limits.tenantMaxConcurrent });
  app.use(['/graphql', '/recordings'], perTenant);
  const recordings = runtime.config.recordings;
  app.use(recordingRoute(runtime.recordingLinks, runtime.tenants, { cache: new RecordingCache(recordings.cacheMaxBytes, recordings.cacheMaxItemBytes), requestsPerLinkPerMinute: recordings.requestsPerLinkPerMinute }));
  app.use(
    '/graphql',
    utf8JsonOnly(),
    express.json({ limit: '256kb' }),
    expressMiddleware(apollo, { context: async ({ req, res }) => buildContext(runtime, req, res) }),
  );

  app.use(unknownRoute());
  app.use(httpErrorHandler());

  await new Promise<void>((resolve) => httpServer.listen(port, host, resolve));
  const address = httpServer.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  runtime.crm?.start(url);
  started = true;
  return {
    url,
    httpServer,
    metricsUrl: metricsServer ? `http://${profile.metrics!.host}:${(metricsServer.address() as AddressInfo).port}/metrics` : `${url}/metrics`,
    stop: async () => {
      await runtime.crm?.stop();
      await apollo.stop();
      if (metricsServer) await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
    },
  };
}

function metricsRoute(runtime: Runtime): RequestHandler {
  return async (_req, res) => {
    res.type(runtime.metrics.registry.contentType).send(await runtime.metrics.registry.metrics());
  };
}

/** The metrics listener: GET /metrics and GET /readyz only. */
async function listenMetrics(handler: RequestHandler, readiness: RequestHandler, at: { port: number; host: string }): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', handler);
  app.get('/readyz', readiness);
  app.use(unknownRoute());
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port, at.host, resolve);
  });
  return server;
}

function buildContext(runtime: Runtime, req: Request, res: Response): RequestContext {
  const operation = operationOf(res);
  let scope;
  try {
    scope = authenticatedScope(res) ?? runtime.tenants.authenticate(req.headers.authorization);
  } catch (error) {
    const appError = error as AppError;
    // Refused before it became an operation: counted and logged here, as no operation plugin will see it.
    runtime.metrics.operation('refused', appError.code, 0);
    logEvent('warn', 'graphql.refused', { requestId: operation.requestId, code: appError.code, upstreamCalls: 0 });
    throw new GraphQLError(appError.message, { originalError: appError, extensions: { code: appError.code, http: { status: 401 } } });
  }
  // The tenant goes with every vendor request the operation makes: tenants take turns at shared budgets.
  const caller = { ...operation.caller, tenant: scope.tenant };
  return {
    scope,
    history: runtime.history,
    changes: runtime.changes,
    extensions: runtime.extensions,
    loaders: new RequestLoaders(scope, caller),
    recordingLinks: runtime.recordingLinks,
    statuses: runtime.statuses,
    crm: runtime.crm,
    // Only the sandbox may build links from the Host header (production requires publicUrl).
    baseUrl: runtime.config.publicUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`,
    caller,
    operation,
    partialErrors: [],
  };
}
