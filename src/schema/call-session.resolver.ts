import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import { CallSession } from '../domain/call-session';
import { CallSessionConnectionType, ProviderStatusType } from './call-session-connection.type';
import { CallSessionType } from './call-session.type';
import { CallSessionsArgs } from './call-sessions.args';
import { relayPaging } from './relay-paging';
import { RequestContext } from './request-context';
import { selectsNodeFields, selectsUnderNode } from './selection';
import { responsePath } from './response-path';

/** Fields that need a session's legs or recordings: ask the vendor for them with the rows. */
export const DETAIL_FIELDS = ['legs', 'recordings', 'hasRecording', 'callerStatus', 'calleeStatus', 'ringCentralRecord'];
const PING_TIMEOUT_MS = 3000;

const DEFAULT_FIRST = 25;

/** The queries over call sessions; the fields of a session are plain functions (field-resolvers.ts). */
@Resolver(() => CallSessionType)
export class CallSessionResolver {
  @Query(() => CallSessionConnectionType, { description: 'Call sessions of every vendor account the caller may read, merged into one keyset-paged walk.' })
  async callSessions(@Args(() => CallSessionsArgs) args: CallSessionsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    const page = await ctx.history.listSessions(
      ctx.scope,
      {
        ...relayPaging(args, DEFAULT_FIRST),
        filter: args.filter ?? {},
        order: args.orderBy,
        onProviderError: args.onProviderError,
        withDetail: selectsNodeFields(info, DETAIL_FIELDS),
      },
      ctx.caller,
    );
    if (page.partialError) ctx.partialErrors.push({ error: page.partialError, path: responsePath(info.path) });
    // Every extension the page names, loaded in one batch per account before the fields ask (see prefetchExtensions).
    if (selectsUnderNode(info, 'extension')) await ctx.loaders.prefetchExtensions(page.edges.map((edge) => edge.session));
    return {
      edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: edge.session })),
      pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage, startCursor: page.startCursor, endCursor: page.endCursor },
      missingProviders: page.missing,
    };
  }

  @Query(() => CallSessionType, { nullable: true, description: 'One call session by its global id (NOT_FOUND when it does not exist or is not yours).' })
  async callSession(@Arg('id', () => ID, { description: 'Global id of the call session.' }) id: string, @Ctx() ctx: RequestContext): Promise<CallSession> {
    return ctx.history.getSession(ctx.scope, id, 'id', ctx.caller);
  }

  @Query(() => [ProviderStatusType], { description: 'Every vendor account the caller may read, and whether it answers now.' })
  async providers(@Ctx() ctx: RequestContext): Promise<ProviderStatusType[]> {
    return Promise.all(
      ctx.scope.adapters.map(async (adapter) => {
        const reachable = await adapter
          .ping({ ...ctx.caller, signal: AbortSignal.any([ctx.caller.signal, AbortSignal.timeout(PING_TIMEOUT_MS)]) })
          .then(() => true)
          .catch(() => false);
        return { provider: adapter.provider, key: adapter.account, reachable, ...ctx.statuses.report(adapter) };
      }),
    );
  }
}
