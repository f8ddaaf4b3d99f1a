import { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import { CallSessionChangeConnectionType } from './call-session-changes.type';
import { CallSessionChangesArgs } from './call-session-changes.args';
import { RequestContext } from './request-context';
import { responsePath } from './response-path';
import { DETAIL_FIELDS } from './call-session.resolver';
import { selectsNodeFields, selectsUnderNode } from './selection';

const SESSION_PATH = ['edges', 'node', 'session'];
/**
 * Fields that need legs: only then are legs listed with the rows (a detailed view, CallGear's legs report
 * beside its sessions). Recordings come through the detail loader, and only for the rows a page delivers, so a
 * run that finds nothing new costs one vendor request per account.
 */
const LEG_FIELDS = ['legs', 'callerStatus', 'calleeStatus', 'ringCentralRecord'];

/** The change feed for partners that keep a copy of the call history (docs/partner-sync.md). */
@Resolver(() => CallSessionChangeConnectionType)
export class CallSessionChangesResolver {
  @Query(() => CallSessionChangeConnectionType, {
    description:
      'New, changed and deleted call sessions since a checkpoint, for keeping a copy of the call history: start from since, walk every page, save each endCursor with its changes, and call again later with the last one (docs/partner-sync.md).',
  })
  async callSessionChanges(@Args(() => CallSessionChangesArgs) args: CallSessionChangesArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    const page = await ctx.changes.changes(
      ctx.scope,
      {
        first: args.first,
        after: args.after ?? null,
        since: args.since ?? null,
        providers: args.filter?.providers ?? null,
        accounts: args.filter?.accounts ?? null,
        withDetail: selectsNodeFields(info, LEG_FIELDS, SESSION_PATH),
        needsDetail: selectsNodeFields(info, DETAIL_FIELDS, SESSION_PATH),
      },
      ctx.caller,
    );
    if (page.partialError) ctx.partialErrors.push({ error: page.partialError, path: responsePath(info.path) });
    const sessions = page.changes.flatMap((change) => (change.session ? [change.session] : []));
    if (selectsUnderNode(info, 'extension', SESSION_PATH)) await ctx.loaders.prefetchExtensions(sessions);
    return {
      edges: page.changes.map((change) => ({ cursor: page.checkpoint, node: change })),
      pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: args.after !== null && args.after !== undefined, startCursor: page.changes.length > 0 ? page.checkpoint : null, endCursor: page.checkpoint },
      resyncedAccounts: page.resynced,
      missingProviders: page.missing,
    };
  }
}
