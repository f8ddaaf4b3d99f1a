import { Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { NotFoundError } from '../domain/errors';
import { recordContext, toRcCallLogRecord } from '../app-connect/rc-call-log-record';
import { LogCallArgs } from './log-call.args';
import { CrmConnectorStatusType, LogCallOutcome, LogCallResultType } from './log-call.type';
import { RequestContext } from './request-context';

/** Logging calls into CRMs through App Connect connectors (docs/app-connect.md). */
@Resolver()
export class LogCallResolver {
  @Mutation(() => LogCallResultType, {
    description:
      "Logs a call into a CRM through one of your App Connect connectors, exactly once: the first logCall (or server-side logging) creates the activity, later ones update it (a note, the recording, the final duration). CRM_UNAVAILABLE or RATE_LIMITED when the CRM fails: the call then stays pending and is retried.",
  })
  async logCall(@Args(() => LogCallArgs) args: LogCallArgs, @Ctx() ctx: RequestContext): Promise<LogCallResultType> {
    const registered = ctx.crm?.logger.connector(ctx.scope.tenant, args.connector);
    if (!ctx.crm || !registered) throw new NotFoundError(`You have no CRM connector named "${args.connector}".`);
    const session = await ctx.history.getSession(ctx.scope, args.sessionId, 'sessionId', ctx.caller);
    const detail = session.detail ?? (await ctx.loaders.detail(session));
    if (!detail) throw new NotFoundError(`The vendor no longer has the legs of call session ${args.sessionId}.`);
    const ttl = ctx.crm.recordingLinkTtlSeconds;
    const record = toRcCallLogRecord(
      session,
      detail,
      recordContext(args.sessionId, (rec) => ctx.recordingLinks.link(ctx.baseUrl, { tenant: ctx.scope.tenant, provider: session.provider, account: session.account, nativeId: rec.nativeId }, ttl).url),
    );
    const contact = args.contact ? { id: args.contact.id, type: args.contact.type ?? undefined, name: args.contact.name ?? undefined } : null;
    const outcome = await ctx.crm.logger.logNow(
      { tenant: ctx.scope.tenant, sessionId: args.sessionId, connector: args.connector },
      { record, account: session.account, note: args.note ?? null, contact },
      ctx.caller.deadline,
    );
    return { logId: outcome.logId, outcome: outcome.kind === 'created' ? LogCallOutcome.CREATED : outcome.kind === 'unchanged' ? LogCallOutcome.UNCHANGED : LogCallOutcome.UPDATED, returnMessage: outcome.returnMessage };
  }

  @Query(() => [CrmConnectorStatusType], { description: 'Your CRM connectors (App Connect logging) and how their logging is going: logged, pending and failing calls.' })
  crmConnectors(@Ctx() ctx: RequestContext): CrmConnectorStatusType[] {
    return (ctx.crm?.logger.status(ctx.scope.tenant) ?? []) as CrmConnectorStatusType[];
  }
}
