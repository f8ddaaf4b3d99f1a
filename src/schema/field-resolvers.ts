import { GraphQLFieldResolver } from 'graphql';
import { CallSession, Extension, SessionDetail, collectRecordings, partyStatuses } from '../domain/call-session';
import { NotFoundError } from '../domain/errors';
import { encodeGlobalId } from '../history/global-id';
import { RequestContext } from './request-context';
import { LegView, PartyView, RecordingView, ownerOf } from './views';

/**
 * The fields computed from a session and its parts, as plain functions attached to the built schema
 * (build-schema.ts), not type-graphql field resolvers: those wrap every call in a parameter and middleware
 * runner, and a warm 50-row page calls them thousands of times. Each is synchronous unless it must wait for a
 * loader: a session listed with its detail (every vendor can list with it) answers legs and recordings at once.
 * Every other field of these types is a plain property, read by graphql-js's default resolver.
 */
type Resolver<S> = GraphQLFieldResolver<S, RequestContext>;
type Maybe<T> = T | Promise<T>;

export const computedFields: Readonly<Record<string, Readonly<Record<string, Resolver<never>>>>> = {
  CallSession: {
    id: (session: CallSession): string => encodeGlobalId({ type: 'CallSession', provider: session.provider, account: session.account, nativeId: session.nativeId }),
    extensionId: (session: CallSession): string | null => extensionGlobalId(session, session.extensionId),
    extension: (session: CallSession, _args: unknown, ctx: RequestContext): Maybe<Extension | null> =>
      session.extensionId ? ctx.loaders.extension(session.provider, session.account, session.extensionId) : null,
    from: (session: CallSession): PartyView => ({ ...session.from, owner: ownerOf(session) }),
    to: (session: CallSession): PartyView => ({ ...session.to, owner: ownerOf(session) }),
    legs: (session: CallSession, _args: unknown, ctx: RequestContext): Maybe<LegView[]> => withDetail(session, ctx, (detail) => detail.legs.map((leg) => ({ ...leg, owner: ownerOf(session) }))),
    recordings: (session: CallSession, _args: unknown, ctx: RequestContext): Maybe<RecordingView[]> =>
      withDetail(session, ctx, (detail) => collectRecordings(detail.recordings, detail.legs).map((rec) => ({ ...rec, owner: ownerOf(session) }))),
    hasRecording: (session: CallSession, _args: unknown, ctx: RequestContext): Maybe<boolean> =>
      session.hasRecording !== null ? session.hasRecording : withDetail(session, ctx, (detail) => collectRecordings(detail.recordings, detail.legs).length > 0),
    callerStatus: (session: CallSession, _args: unknown, ctx: RequestContext) => withDetail(session, ctx, (detail) => partyStatuses(detail.legs).callerStatus),
    calleeStatus: (session: CallSession, _args: unknown, ctx: RequestContext) => withDetail(session, ctx, (detail) => partyStatuses(detail.legs).calleeStatus),
  },
  Party: {
    extensionId: (party: PartyView): string | null => extensionGlobalId(party.owner, party.extensionId),
    extension: (party: PartyView, _args: unknown, ctx: RequestContext): Maybe<Extension | null> =>
      party.extensionId ? ctx.loaders.extension(party.owner.provider, party.owner.account, party.extensionId) : null,
  },
  CallLeg: {
    from: (leg: LegView): PartyView => ({ ...leg.from, owner: leg.owner }),
    to: (leg: LegView): PartyView => ({ ...leg.to, owner: leg.owner }),
    extensionId: (leg: LegView): string | null => extensionGlobalId(leg.owner, leg.extensionId),
    extension: (leg: LegView, _args: unknown, ctx: RequestContext): Maybe<Extension | null> => (leg.extensionId ? ctx.loaders.extension(leg.owner.provider, leg.owner.account, leg.extensionId) : null),
    recording: (leg: LegView): RecordingView | null => (leg.recording ? { ...leg.recording, owner: leg.owner } : null),
  },
  Recording: {
    id: (rec: RecordingView): string => encodeGlobalId({ type: 'Recording', provider: rec.owner.provider, account: rec.owner.account, nativeId: rec.nativeId }),
    url: (rec: RecordingView, _args: unknown, ctx: RequestContext): string => linkFor(rec, ctx).url,
    expiresAt: (rec: RecordingView, _args: unknown, ctx: RequestContext): Date => linkFor(rec, ctx).expiresAt,
  },
  Extension: {
    id: (ext: Extension): string => encodeGlobalId({ type: 'Extension', provider: ext.provider, account: ext.account, nativeId: ext.nativeId }),
  },
};

export function extensionGlobalId(owner: { provider: CallSession['provider']; account: string }, nativeId: string | null): string | null {
  return nativeId ? encodeGlobalId({ type: 'Extension', provider: owner.provider, account: owner.account, nativeId }) : null;
}

/** `use` of the session's detail: at once when the session was listed with it, else once the loader has it. */
function withDetail<T>(session: CallSession, ctx: RequestContext, use: (detail: SessionDetail) => T): Maybe<T> {
  if (session.detail) return use(session.detail);
  return ctx.loaders.detail(session).then((detail) => {
    if (!detail) throw new NotFoundError(`The vendor no longer has the legs of call session ${session.nativeId}.`);
    return use(detail);
  });
}

/** url and expiresAt come from one signed link, made once per recording object. */
const links = new WeakMap<RecordingView, { url: string; expiresAt: Date }>();

function linkFor(rec: RecordingView, ctx: RequestContext): { url: string; expiresAt: Date } {
  let link = links.get(rec);
  if (!link) {
    link = ctx.recordingLinks.link(ctx.baseUrl, { tenant: ctx.scope.tenant, provider: rec.owner.provider, account: rec.owner.account, nativeId: rec.nativeId });
    links.set(rec, link);
  }
  return link;
}
