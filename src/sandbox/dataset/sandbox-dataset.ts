import { generateExtensions } from './company';
import { CallGenerator } from './calls';
import { SeededRandom } from './random';
import { repeatedSpans } from '../../lib/zoned-time';
import { SandboxCall, SandboxExtension, SandboxLegKind, SandboxRecording, SandboxVendor, SandboxVendorProfile } from './types';

/** The legs of the agent's side of a call, the ones recordings are made of. */
const AGENT_LEGS: ReadonlySet<SandboxLegKind> = new Set(['callee', 'forward', 'transfer']);

/** What a simulator's control API may do to its vendor's calls. */
export interface SandboxCallControl {
  /** Appends n new calls starting `secondsAgo` before now (0: now); answers the ids Callbridge names them by (callKeyOf). */
  append(count: number, secondsAgo: number): string[];
  /** Deletes a call, named by its call id or its key; false when there is no such call. */
  remove(id: string): boolean;
  /** Changes a call, named by its call id or its key (final figures arriving late); false when there is no such call. */
  change(id: string, change: SandboxCallChange): boolean;
}

/** What may change in a call after it was first served. */
export interface SandboxCallChange {
  /** The call ends this many seconds later (its final duration arrives). */
  readonly extendSeconds?: number;
  /** Its first answered leg without a recording gets one (the recording arrives). */
  readonly addRecording?: boolean;
}

export interface SandboxDataSetOptions {
  readonly seed: number;
  /** Calls per vendor over the history window. */
  readonly callsPerVendor: number;
  readonly days: number;
  /** The end of the history (calls start before it). */
  readonly anchor: Date;
  /** The vendors whose shares the data set holds, in order (sandbox/registry.ts lists them all). */
  readonly profiles: readonly SandboxVendorProfile[];
  /**
   * Vendors that report wall times in a zone (CallGear): their calls are kept out of the hour the zone
   * repeats when clocks go back, moved two hours earlier. A call that begins and ends in the repeated hour
   * cannot always be placed from wall times (docs/vendors/callgear.md); the sandbox's ground truth should
   * not depend on that. Adapter tests of that hour use data without this option.
   */
  readonly wallClockZones?: Partial<Record<SandboxVendor, string>>;
}

/**
 * The deterministic data set behind the sandbox, shared by every vendor view of it.
 * The same options give the same company, calls and recordings.
 */
export class SandboxDataSet {
  readonly extensions: readonly SandboxExtension[];
  private readonly calls = new Map<SandboxVendor, SandboxCall[]>();
  private readonly recordings = new Map<string, SandboxRecording>();
  private readonly generator: CallGenerator;
  /** When each call's record last changed (epoch ms), by "vendor:callId": set by appends and changes. */
  private readonly modified = new Map<string, number>();
  /** Calls deleted, with when: vendors that report deletions (RingCentral's sync) list them as deleted. */
  private readonly deleted = new Map<SandboxVendor, DeletedCall[]>();
  private changes = 0;

  constructor(readonly options: SandboxDataSetOptions) {
    const random = new SeededRandom(options.seed);
    this.extensions = generateExtensions(random, options.profiles);
    this.generator = new CallGenerator(random, this.extensions);
    // Calls fill the last `days` days, an hour short at the old end so that a default "last N days"
    // window opened a little after startup still holds every call. They start at least half an hour before
    // the anchor, so every one has ended (the longest lasts about 16 minutes): CallGear lists no call in
    // progress (vendors.md §2.9), and the data set's history is the same in every vendor's view.
    const to = options.anchor.getTime() - 30 * 60_000;
    const from = options.anchor.getTime() - options.days * 24 * 3600 * 1000 + 3600_000;
    for (const profile of options.profiles) {
      const calls = this.generator.generate({ profile, count: options.callsPerVendor, from, to, tieRate: 0.05 });
      const zone = options.wallClockZones?.[profile.vendor];
      this.store(profile.vendor, zone ? clearOfRepeatedHours(calls, zone, from, to) : calls);
    }
  }

  callsOf(vendor: SandboxVendor): readonly SandboxCall[] {
    return this.calls.get(vendor) ?? [];
  }

  extensionsOf(vendor: SandboxVendor): readonly SandboxExtension[] {
    return this.extensions.filter((e) => e.vendor === vendor);
  }

  recording(vendor: SandboxVendor, id: string): SandboxRecording | undefined {
    return this.recordings.get(`${vendor}:${id}`);
  }

  /**
   * When a call's record last changed, epoch ms: its end for a call generated with the data set, the
   * simulator's clock at the append or change for the others.
   */
  modifiedAt(vendor: SandboxVendor, call: SandboxCall): number {
    return this.modified.get(`${vendor}:${call.id}`) ?? call.end.getTime();
  }

  /** The calls deleted so far, oldest deletion first. */
  deletedCallsOf(vendor: SandboxVendor): readonly DeletedCall[] {
    return this.deleted.get(vendor) ?? [];
  }

  /** Changes each time calls are added, changed or deleted, so that views of the data can tell when to rebuild. */
  get version(): number {
    return this.changes;
  }

  /** The simulators' control of a vendor's calls (POST, PATCH and DELETE /__sandbox/calls), on the simulator's clock. */
  callControlOf(vendor: SandboxVendor, now: () => number): SandboxCallControl {
    return {
      append: (count, secondsAgo) => this.appendCalls(vendor, count, new Date(now() - secondsAgo * 1000), now()).map((c) => this.callKeyOf(vendor, c.id)),
      remove: (id) => this.deleteCall(vendor, id, now()),
      change: (id, change) => this.changeCall(vendor, id, change, now()) !== undefined,
    };
  }

  /**
   * Changes a call after it may have been served, as vendors do when a call's final figures arrive late:
   * `extendSeconds` makes it (and its last leg) end later; `addRecording` gives its first answered agent leg
   * without one a recording. The call is replaced by a new object, so views that keep rendered rows per call see it.
   * Undefined when there is no such call.
   */
  changeCall(vendor: SandboxVendor, id: string, change: SandboxCallChange, at: number = Date.now()): SandboxCall | undefined {
    const { list, at: place } = this.placeOf(vendor, id);
    if (place < 0) return undefined;
    const call = list[place]!;
    const extraSeconds = change.extendSeconds ?? 0;
    const later = (d: Date): Date => new Date(d.getTime() + extraSeconds * 1000);
    const lastEnd = call.end.getTime();
    // Recordings are of the agent's side of a call (as the generator makes them), never the caller's leg.
    const recordTo = change.addRecording ? call.legs.findIndex((l) => AGENT_LEGS.has(l.kind) && l.answer !== null && l.recording === null) : -1;
    const profile = this.profileOf(vendor);
    const legs = call.legs.map((leg, i) => {
      const ends = leg.end.getTime() === lastEnd;
      const end = ends ? later(leg.end) : leg.end;
      const grown = ends && leg.recording ? { ...leg.recording, duration: leg.recording.duration + extraSeconds } : leg.recording;
      const added = i === recordTo ? { id: this.generator.recordingId(profile, leg.extensionId ?? ''), start: leg.answer!, duration: Math.round((end.getTime() - leg.answer!.getTime()) / 1000) } : null;
      return { ...leg, end, recording: added ?? grown };
    });
    const kept = call.recordings.filter((r) => !call.legs.some((l) => l.recording?.id === r.id));
    const changed: SandboxCall = { ...call, end: later(call.end), legs, recordings: [...legs.flatMap((l) => (l.recording ? [l.recording] : [])), ...kept] };
    list[place] = changed;
    this.modified.set(`${vendor}:${changed.id}`, at);
    for (const rec of changed.recordings) this.recordings.set(`${vendor}:${rec.id}`, rec);
    this.changes += 1;
    return changed;
  }

  /** Deletes a call and its recordings, as a vendor does when a record is removed; false when it has no such call. */
  deleteCall(vendor: SandboxVendor, id: string, at: number = Date.now()): boolean {
    const { list, at: place } = this.placeOf(vendor, id);
    if (place < 0) return false;
    const [call] = list.splice(place, 1);
    for (const rec of call!.recordings) this.recordings.delete(`${vendor}:${rec.id}`);
    this.deleted.set(vendor, [...this.deletedCallsOf(vendor), { call: call!, at }]);
    this.changes += 1;
    return true;
  }

  /** Appends `count` new calls starting in the second from `at` (the simulators' POST /__sandbox/calls; `at` may be in the past). */
  appendCalls(vendor: SandboxVendor, count: number, at: Date, stamp: number = Date.now()): SandboxCall[] {
    const calls = this.generator.generate({ profile: this.profileOf(vendor), count, from: at.getTime(), to: at.getTime() + 1000, tieRate: 0.5 });
    this.store(vendor, calls);
    for (const call of calls) this.modified.set(`${vendor}:${call.id}`, Math.max(stamp, call.end.getTime()));
    return calls;
  }

  /** The vendor's id for a whole call: its call key when it has one (RingCentral's telephonySessionId), else the call id. */
  callKeyOf(vendor: SandboxVendor, callId: string): string {
    return this.profileOf(vendor).callKey?.(callId) ?? callId;
  }

  /** A vendor's list of calls and where a call, named by its id or its key, is in it (-1: not there). */
  private placeOf(vendor: SandboxVendor, id: string): { list: SandboxCall[]; at: number } {
    const list = this.calls.get(vendor) ?? [];
    return { list, at: list.findIndex((c) => c.id === id || this.callKeyOf(vendor, c.id) === id) };
  }

  private profileOf(vendor: SandboxVendor): SandboxVendorProfile {
    const profile = this.options.profiles.find((p) => p.vendor === vendor);
    if (!profile) throw new Error(`the data set holds no share of ${vendor}`);
    return profile;
  }

  private store(vendor: SandboxVendor, calls: SandboxCall[]): void {
    const list = this.calls.get(vendor) ?? [];
    list.push(...calls);
    this.calls.set(vendor, list);
    this.changes += 1;
    for (const call of calls) for (const rec of call.recordings) this.recordings.set(`${vendor}:${rec.id}`, rec);
  }
}

/** A call a vendor deleted, and when (epoch ms). */
export interface DeletedCall {
  readonly call: SandboxCall;
  readonly at: number;
}

/** Calls moved two hours earlier when they start in an hour the zone repeats (see wallClockZones). */
function clearOfRepeatedHours(calls: SandboxCall[], zone: string, from: number, to: number): SandboxCall[] {
  const spans = repeatedSpans(from, to, zone);
  if (spans.length === 0) return calls;
  return calls.map((call) => {
    const t = call.start.getTime();
    const span = spans.find((s) => s.from <= t && t < s.to);
    return span ? shiftDates(call, span.to - span.from) : call;
  });
}

function shiftDates<T>(value: T, ms: number): T {
  if (value instanceof Date) return new Date(value.getTime() - ms) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => shiftDates(v, ms)) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftDates(v, ms)])) as T;
  return value;
}
