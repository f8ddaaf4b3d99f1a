import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { collectRecordings } from '../domain/call-session';
import { NotFoundError } from '../domain/errors';
import { DecodedGlobalId, decodeGlobalId, sessionGlobalId } from '../history/global-id';
import { recordingView } from './field-resolvers';
import { NodeType } from './node.interface';
import { RequestContext } from './request-context';
import { RecordingView } from './views';

@Resolver()
export class NodeResolver {
  @Query(() => NodeType, { nullable: true, description: 'Any object by its global id (Relay); null when it does not exist or is not yours.' })
  async node(@Arg('id', () => ID, { description: 'A global id.' }) id: string, @Ctx() ctx: RequestContext): Promise<object | null> {
    const decoded = decodeGlobalId(id, 'id');
    if (decoded.type === 'Extension') return ctx.loaders.extension(decoded.provider, decoded.account, decoded.nativeId);
    try {
      if (decoded.type === 'Recording') return await recordingById(decoded, ctx);
      return await ctx.history.getSession(ctx.scope, id, 'id', ctx.caller);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }
}

/** A recording is read again through its session (its id names it): the vendors list recordings only with calls. */
async function recordingById(decoded: DecodedGlobalId, ctx: RequestContext): Promise<RecordingView | null> {
  if (decoded.session === undefined) return null;
  const session = await ctx.history.getSession(ctx.scope, sessionGlobalId(decoded, decoded.session), 'id', ctx.caller);
  const detail = await ctx.loaders.detail(session);
  const found = detail ? collectRecordings(detail.recordings, detail.legs).find((rec) => rec.nativeId === decoded.nativeId) : undefined;
  return found ? recordingView(found, session, session.nativeId) : null;
}
