import { GraphQLFieldResolver } from 'graphql';
import { AccountRef, CallSession, Extension, Party, RecordingRef, SessionDetail, collectRecordings, partyStatuses } from '../domain/call-session';
import { NotFoundError } from '../domain/errors';
import { encodeGlobalId, sessionGlobalId } from '../history/global-id';
import { RequestContext } from './request-context';
import { RecordingFacts } from '../vendors/adapter';
import { recordContext, toRcCallLogRecord } from '../app-connect/rc-call-log-record';
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
    id: (session: CallSession): string => sessionIdOf(session),
    extensionId: (session: CallSession): string | null => remembered(extensionIds, session, () => extensionGlobalId(session, session.extensionId)),
    extension: (session: CallSession, _args: unknown, ctx: RequestContext): Maybe<Extension | null> =>
      session.extensionId ? ctx.loaders.extension(session.provider, session.account, session.extensionId) : null,
    from: (session: CallSession): PartyView => partyView(session.from, session),
    to: (session: CallSession): PartyView => partyView(session.to, session),
    legs: (session: CallSession, _args: unknown, ctx: RequestContext): Maybe<LegView[]> =>
      withDetail(session, ctx, (detail) => remembered(legViews, detail, () => detail.legs.map((leg) => ({ ...leg, owner: ownerOf(session), session: session.nativeId })))),
    recordings: (session: CallSession, _args: unknown, ctx: RequestContext): Maybe<RecordingView[]> =>
      withDetail(session, ctx, (detail) => remembered(recordingLists, detail, () => collectRecordings(detail.recordings, detail.legs).map((rec) => recordingView(rec, session, session.nativeId)))),
    hasRecording: (session: CallSession, _args: unknown, ctx: RequestContext): Maybe<boolean> =>
      session.hasRecording !== null ? session.hasRecording : withDetail(session, ctx, (detail) => collectRecordings(detail.recordings, detail.legs).length > 0),
    ringCentralRecord: (session: CallSession, _args: unknown, ctx: RequestContext): Maybe<Record<string, unknown>> =>
      withDetail(session, ctx, (detail) => toRcCallLogRecord(session, detail, recordContext(sessionIdOf(session), (rec) => linkFor(recordingView(rec, session, session.nativeId), ctx).url))),
    callerStatus: (session: CallSession, _args: unknown, ctx: RequestContext) => withDetail(session, ctx, (detail) => partyStatuses(detail.legs).callerStatus),
    calleeStatus: (session: CallSession, _args: unknown, ctx: RequestContext) => withDetail(session, ctx, (detail) => partyStatuses(detail.legs).calleeStatus),
  },
  Party: {
    extensionId: (party: PartyView): string | null => remembered(extensionIds, party, () => extensionGlobalId(party.owner, party.extensionId)),
    extension: (party: PartyView, _args: unknown, ctx: RequestContext): Maybe<Extension | null> =>
      party.extensionId ? ctx.loaders.extension(party.owner.provider, party.owner.account, party.extensionId) : null,
  },
  CallLeg: {
    from: (leg: LegView): PartyView => partyView(leg.from, leg.owner),
    to: (leg: LegView): PartyView => partyView(leg.to, leg.owner),
    extensionId: (leg: LegView): string | null => remembered(extensionIds, leg, () => extensionGlobalId(leg.owner, leg.extensionId)),
    extension: (leg: LegView, _args: unknown, ctx: RequestContext): Maybe<Extension | null> => (leg.extensionId ? ctx.loaders.extension(leg.owner.provider, leg.owner.account, leg.extensionId) : null),
    recording: (leg: LegView): RecordingView | null => (leg.recording ? recordingView(leg.recording, leg.owner, leg.session) : null),
  },
  Recording: {
    id: (rec: RecordingView): string => remembered(globalIds, rec, () => encodeGlobalId({ type: 'Recording', provider: rec.owner.provider, account: rec.owner.account, nativeId: rec.nativeId, session: rec.session })),
    // Where the listing gave no length or format, the vendor's recording metadata may (read only when asked).
    duration: (rec: RecordingView, _args: unknown, ctx: RequestContext): Maybe<number | null> => rec.duration ?? factOf(rec, ctx, 'duration'),
    contentType: (rec: RecordingView, _args: unknown, ctx: RequestContext): Maybe<string | null> => rec.contentType ?? factOf(rec, ctx, 'contentType'),
    url: (rec: RecordingView, _args: unknown, ctx: RequestContext): string => linkFor(rec, ctx).url,
    expiresAt: (rec: RecordingView, _args: unknown, ctx: RequestContext): Date => linkFor(rec, ctx).expiresAt,
  },
  Extension: {
    id: (ext: Extension): string => remembered(globalIds, ext, () => encodeGlobalId({ type: 'Extension', provider: ext.provider, account: ext.account, nativeId: ext.nativeId })),
  },
};

/** A session's global id, derived once per session. */
function sessionIdOf(session: CallSession): string {
  return remembered(globalIds, session, () => sessionGlobalId(session, session.nativeId));
}

export function extensionGlobalId(owner: { provider: CallSession['provider']; account: string }, nativeId: string | null): string | null {
  return nativeId ? encodeGlobalId({ type: 'Extension', provider: owner.provider, account: owner.account, nativeId }) : null;
}

/**
 * What is derived from a session's parts (views carrying their account, global ids) is derived once per part:
 * the parts are immutable and live in kept vendor pages shared by every request, so a warm page reuses them
 * instead of allocating and encoding them again (garbage collection was 15% of a warm page). Nothing
 * per request or per tenant is kept here: recording links are signed per tenant in RecordingLinks.
 */
const globalIds = new WeakMap<object, string>();
const extensionIds = new WeakMap<object, string | null>();
const partyViews = new WeakMap<Party, PartyView>();
const legViews = new WeakMap<SessionDetail, LegView[]>();
const recordingLists = new WeakMap<SessionDetail, RecordingView[]>();
const recordingViews = new WeakMap<RecordingRef, RecordingView>();

function remembered<K extends object, V>(memo: WeakMap<K, V>, key: K, make: () => V): V {
  if (memo.has(key)) return memo.get(key) as V;
  const value = make();
  memo.set(key, value);
  return value;
}

const partyView = (party: Party, owner: AccountRef): PartyView => remembered(partyViews, party, () => ({ ...party, owner: ownerOf(owner) }));
export const recordingView = (rec: RecordingRef, owner: AccountRef, session: string): RecordingView => remembered(recordingViews, rec, () => ({ ...rec, owner: ownerOf(owner), session }));

function factOf<K extends keyof RecordingFacts>(rec: RecordingView, ctx: RequestContext, key: K): Maybe<RecordingFacts[K] | null> {
  const facts = ctx.loaders.recordingFacts(rec.owner.provider, rec.owner.account, rec.nativeId);
  return facts instanceof Promise ? facts.then((known) => known?.[key] ?? null) : (facts?.[key] ?? null);
}

/** `use` of the session's detail: at once when the session was listed with it, else once the loader has it. */
function withDetail<T>(session: CallSession, ctx: RequestContext, use: (detail: SessionDetail) => T): Maybe<T> {
  if (session.detail) return use(session.detail);
  return ctx.loaders.detail(session).then((detail) => {
    if (!detail) throw new NotFoundError(`The vendor no longer has the legs of call session ${session.nativeId}.`);
    return use(detail);
  });
}

/** A recording's signed link for the request's tenant (RecordingLinks keeps the links it signed this minute). */
function linkFor(rec: RecordingView, ctx: RequestContext): { url: string; expiresAt: Date } {
  return ctx.recordingLinks.link(ctx.baseUrl, { tenant: ctx.scope.tenant, provider: rec.owner.provider, account: rec.owner.account, nativeId: rec.nativeId });
}
