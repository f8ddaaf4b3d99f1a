import { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Field, Info, ObjectType, Query, Resolver } from 'type-graphql';
import { Extension } from '../domain/call-session';
import { PageInfoType, ProviderAccountType } from './call-session-connection.type';
import { ExtensionType } from './extension.type';
import { ExtensionsArgs } from './extensions.args';
import { RequestContext } from './request-context';
import { responsePath } from './response-path';
import { relayPaging } from './relay-paging';

@ObjectType('ExtensionEdge', { description: 'An extension with its cursor.' })
export class ExtensionEdgeType {
  @Field(() => String, { description: 'Opaque cursor: pass it as after to continue right after this extension.' })
  cursor!: string;

  @Field(() => ExtensionType, { description: 'The extension.' })
  node!: Extension;
}

@ObjectType('ExtensionConnection', { description: 'One page of the extension directories of every account you may read, by name.' })
export class ExtensionConnectionType {
  @Field(() => [ExtensionEdgeType], { description: 'The extensions of this page, by name, then vendor, account and id.' })
  edges!: ExtensionEdgeType[];

  @Field(() => PageInfoType, { description: 'Paging state.' })
  pageInfo!: PageInfoType;

  @Field(() => [ProviderAccountType], { description: 'Accounts whose directory is absent from this page because their vendor failed.' })
  missingProviders!: ProviderAccountType[];
}

/** The extension directory, for pickers (filters take the ids it gives). */
@Resolver()
export class ExtensionsResolver {
  @Query(() => ExtensionConnectionType, { description: 'Every extension of every account you may read (users, queues, IVR menus), by name, for pickers: filterable by vendor, account, type and a search over name, number and email.' })
  async extensions(@Args(() => ExtensionsArgs) args: ExtensionsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<ExtensionConnectionType> {
    const page = await ctx.extensions.list(
      ctx.scope,
      { ...relayPaging(args, 50), providers: args.filter?.providers ?? null, accounts: args.filter?.accounts ?? null, types: args.filter?.types ?? null, search: args.filter?.search ?? null },
      ctx.caller,
    );
    if (page.partialError) ctx.partialErrors.push({ error: page.partialError, path: responsePath(info.path) });
    return {
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: e.extension })),
      pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage, startCursor: page.startCursor, endCursor: page.endCursor },
      missingProviders: [...page.missing],
    };
  }
}
