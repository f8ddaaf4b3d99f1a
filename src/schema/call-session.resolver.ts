import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { CallSession, collectRecordings, partyStatuses } from '../domain/call-session';
import { CallResult } from '../domain/enums';
import { NotFoundError } from '../domain/errors';
import { encodeGlobalId } from '../history/global-id';
import { CallSessionConnectionType, ProviderStatusType } from './call-session-connection.type';
import { CallSessionType } from './call-session.type';
import { CallSessionsArgs } from './call-sessions.args';
import { ExtensionType } from './extension.type';
import { RequestContext } from './request-context';
import { selectsNodeFields } from './selection';
import { responsePath } from './response-path';
import { LegView, PartyView, RecordingView, ownerOf } from './views';

/** Fields that need a session's legs or recordings: ask the vendor for them with the rows. */
const DETAIL_FIELDS = ['legs', 'recordings', 'hasRecording', 'callerStatus', 'calleeStatus'];
const PING_TIMEOUT_MS = 3000;

@Resolver(() => CallSessionType)
export class CallSessionResolver {
  @Query(() => CallSessionConnectionType, { description: 'Call sessions of every vendor account the caller may read, merged into one keyset-paged walk.' })
  async callSessions(@Args(() => CallSessionsArgs) args: CallSessionsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    const page = await ctx.history.listSessions(
      ctx.scope,
      {
        first: args.first,
        after: args.after ?? null,
        filter: args.filter ?? {},
        order: args.orderBy,
        onProviderError: args.onProviderError,
        withDetail: selectsNodeFields(info, DETAIL_FIELDS),
      },
      ctx.caller,
    );
    if (page.partialError) ctx.partialErrors.push({ error: page.partialError, path: responsePath(info.path) });
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

  @FieldResolver(() => ID)
  id(@Root() session: CallSession): string {
    return encodeGlobalId({ type: 'CallSession', provider: session.provider, account: session.account, nativeId: session.nativeId });
  }

  @FieldResolver(() => ID, { nullable: true })
  extensionId(@Root() session: CallSession): string | null {
    return extensionGlobalId(session, session.extensionId);
  }

  @FieldResolver(() => ExtensionType, { nullable: true })
  async extension(@Root() session: CallSession, @Ctx() ctx: RequestContext) {
    return session.extensionId ? ctx.loaders.extension(session.provider, session.account, session.extensionId) : null;
  }

  @FieldResolver(() => Object)
  from(@Root() session: CallSession): PartyView {
    return { ...session.from, owner: ownerOf(session) };
  }

  @FieldResolver(() => Object)
  to(@Root() session: CallSession): PartyView {
    return { ...session.to, owner: ownerOf(session) };
  }

  @FieldResolver(() => [Object], { nullable: true })
  async legs(@Root() session: CallSession, @Ctx() ctx: RequestContext): Promise<LegView[]> {
    const detail = await requireDetail(session, ctx);
    return detail.legs.map((leg) => ({ ...leg, owner: ownerOf(session) }));
  }

  @FieldResolver(() => [Object], { nullable: true })
  async recordings(@Root() session: CallSession, @Ctx() ctx: RequestContext): Promise<RecordingView[]> {
    const detail = await requireDetail(session, ctx);
    return collectRecordings(detail.recordings, detail.legs).map((rec) => ({ ...rec, owner: ownerOf(session) }));
  }

  @FieldResolver(() => Boolean, { nullable: true })
  async hasRecording(@Root() session: CallSession, @Ctx() ctx: RequestContext): Promise<boolean> {
    if (session.hasRecording !== null) return session.hasRecording;
    const detail = await requireDetail(session, ctx);
    return collectRecordings(detail.recordings, detail.legs).length > 0;
  }

  @FieldResolver(() => CallResult, { nullable: true })
  async callerStatus(@Root() session: CallSession, @Ctx() ctx: RequestContext): Promise<CallResult | null> {
    return partyStatuses((await requireDetail(session, ctx)).legs).callerStatus;
  }

  @FieldResolver(() => CallResult, { nullable: true })
  async calleeStatus(@Root() session: CallSession, @Ctx() ctx: RequestContext): Promise<CallResult | null> {
    return partyStatuses((await requireDetail(session, ctx)).legs).calleeStatus;
  }
}

async function requireDetail(session: CallSession, ctx: RequestContext) {
  const detail = await ctx.loaders.detail(session);
  if (!detail) throw new NotFoundError(`The vendor no longer has the legs of call session ${session.nativeId}.`);
  return detail;
}

export function extensionGlobalId(owner: { provider: CallSession['provider']; account: string }, nativeId: string | null): string | null {
  return nativeId ? encodeGlobalId({ type: 'Extension', provider: owner.provider, account: owner.account, nativeId }) : null;
}
