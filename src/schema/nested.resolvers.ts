import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { NotFoundError } from '../domain/errors';
import { decodeGlobalId } from '../history/global-id';
import { NodeType } from './node.interface';
import { RequestContext } from './request-context';

@Resolver()
export class NodeResolver {
  @Query(() => NodeType, { nullable: true, description: 'Any object by its global id (Relay); null when it does not exist or is not yours.' })
  async node(@Arg('id', () => ID, { description: 'A global id.' }) id: string, @Ctx() ctx: RequestContext): Promise<object | null> {
    const decoded = decodeGlobalId(id, 'id');
    if (decoded.type === 'Extension') return ctx.loaders.extension(decoded.provider, decoded.account, decoded.nativeId);
    if (decoded.type !== 'CallSession') return null;
    try {
      return await ctx.history.getSession(ctx.scope, id, 'id', ctx.caller);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }
}
