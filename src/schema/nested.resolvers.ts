import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Extension } from '../domain/call-session';
import { NotFoundError } from '../domain/errors';
import { decodeGlobalId, encodeGlobalId } from '../history/global-id';
import { CallLegType } from './call-leg.type';
import { extensionGlobalId } from './call-session.resolver';
import { ExtensionType } from './extension.type';
import { NodeType } from './node.interface';
import { PartyType } from './party.type';
import { RecordingType } from './recording.type';
import { RequestContext } from './request-context';
import { LegView, PartyView, RecordingView } from './views';

@Resolver(() => PartyType)
export class PartyResolver {
  @FieldResolver(() => ID, { nullable: true })
  extensionId(@Root() party: PartyView): string | null {
    return extensionGlobalId(party.owner, party.extensionId);
  }

  @FieldResolver(() => ExtensionType, { nullable: true })
  async extension(@Root() party: PartyView, @Ctx() ctx: RequestContext): Promise<Extension | null> {
    return party.extensionId ? ctx.loaders.extension(party.owner.provider, party.owner.account, party.extensionId) : null;
  }
}

@Resolver(() => CallLegType)
export class CallLegResolver {
  @FieldResolver(() => Object)
  from(@Root() leg: LegView): PartyView {
    return { ...leg.from, owner: leg.owner };
  }

  @FieldResolver(() => Object)
  to(@Root() leg: LegView): PartyView {
    return { ...leg.to, owner: leg.owner };
  }

  @FieldResolver(() => ID, { nullable: true })
  extensionId(@Root() leg: LegView): string | null {
    return extensionGlobalId(leg.owner, leg.extensionId);
  }

  @FieldResolver(() => ExtensionType, { nullable: true })
  async extension(@Root() leg: LegView, @Ctx() ctx: RequestContext): Promise<Extension | null> {
    return leg.extensionId ? ctx.loaders.extension(leg.owner.provider, leg.owner.account, leg.extensionId) : null;
  }

  @FieldResolver(() => Object, { nullable: true })
  recording(@Root() leg: LegView): RecordingView | null {
    return leg.recording ? { ...leg.recording, owner: leg.owner } : null;
  }
}

@Resolver(() => RecordingType)
export class RecordingResolver {
  @FieldResolver(() => ID)
  id(@Root() rec: RecordingView): string {
    return encodeGlobalId({ type: 'Recording', provider: rec.owner.provider, account: rec.owner.account, nativeId: rec.nativeId });
  }

  @FieldResolver(() => String)
  url(@Root() rec: RecordingView, @Ctx() ctx: RequestContext): string {
    return linkFor(rec, ctx).url;
  }

  @FieldResolver(() => Date)
  expiresAt(@Root() rec: RecordingView, @Ctx() ctx: RequestContext): Date {
    return linkFor(rec, ctx).expiresAt;
  }
}

/** url and expiresAt come from one signed link, made once per recording object. */
const links = new WeakMap<RecordingView, { url: string; expiresAt: Date }>();

function linkFor(rec: RecordingView, ctx: RequestContext) {
  let link = links.get(rec);
  if (!link) {
    link = ctx.recordingLinks.link(ctx.baseUrl, { tenant: ctx.scope.tenant, provider: rec.owner.provider, account: rec.owner.account, nativeId: rec.nativeId });
    links.set(rec, link);
  }
  return link;
}

@Resolver(() => ExtensionType)
export class ExtensionResolver {
  @FieldResolver(() => ID)
  id(@Root() ext: Extension): string {
    return encodeGlobalId({ type: 'Extension', provider: ext.provider, account: ext.account, nativeId: ext.nativeId });
  }
}

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
