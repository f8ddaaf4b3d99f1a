import { SeededRandom } from './random';
import {
  SandboxCall,
  SandboxExtension,
  SandboxLeg,
  SandboxOutcome,
  SandboxParty,
  SandboxRecording,
  SandboxScenario,
  SandboxVendorProfile,
} from './types';

const CITIES = ['Berlin, DE', 'Hamburg, DE', 'San Mateo, CA', 'Palo Alto, CA', 'New York, NY', 'Moscow, RU', 'London, GB', null];
export interface CallGenerationOptions {
  readonly profile: SandboxVendorProfile;
  readonly count: number;
  /** Calls start in [from, to). */
  readonly from: number;
  readonly to: number;
  /** Probability that a call starts in the same second as the previous one (vendors stamp whole seconds). */
  readonly tieRate: number;
}

export class CallGenerator {
  private serial = 0;

  constructor(
    private readonly random: SeededRandom,
    private readonly extensions: readonly SandboxExtension[],
  ) {}

  generate(options: CallGenerationOptions): SandboxCall[] {
    const starts: number[] = [];
    for (let i = 0; i < options.count; i++) {
      const previous = starts[starts.length - 1];
      const tie = previous !== undefined && this.random.chance(options.tieRate);
      const at = tie ? previous : options.from + Math.floor(this.random.next() * (options.to - options.from));
      // Vendors stamp whole seconds, RingCentral milliseconds; either way ties share an exact instant.
      starts.push(options.profile.subSecondStarts ? Math.floor(at) : Math.floor(at / 1000) * 1000);
    }
    return starts.map((start) => this.call(options.profile, start));
  }

  private call(profile: SandboxVendorProfile, startMs: number): SandboxCall {
    const r = this.random;
    const vendor = profile.vendor;
    const users = this.extensions.filter((e) => e.vendor === vendor && e.kind === 'user');
    const queue = this.extensions.find((e) => e.vendor === vendor && e.kind === 'queue');
    const ivr = this.extensions.find((e) => e.vendor === vendor && e.kind === 'ivr');
    const scenario = r.weighted(profile.scenarios as Record<SandboxScenario, number>);
    const agent = r.pick(users);
    const colleague = r.pick(users.filter((u) => u !== agent));
    const external: SandboxParty = {
      number: `${profile.externalPrefix}${r.chars('0123456789', 4)}`,
      name: r.chance(0.4) ? `${r.pick(['ACME', 'Globex', 'Initech', 'Umbrella', 'Hooli'])} ${r.pick(['Ltd', 'GmbH', 'Inc'])}` : null,
      location: r.pick(CITIES),
      extensionId: null,
    };
    const company: SandboxParty = { number: profile.companyNumber, name: 'Northwind Freight', location: null, extensionId: null };
    const start = new Date(startMs);
    const ring = r.int(2, 25);
    const talk = r.int(8, 900);
    const at = (seconds: number): Date => new Date(startMs + seconds * 1000);
    const party = (ext: SandboxExtension): SandboxParty => ({ number: ext.number, name: ext.name, location: null, extensionId: ext.id });
    const legs: SandboxLeg[] = [];
    const leg = (l: Omit<SandboxLeg, 'recording'> & { recording?: SandboxRecording | null }): void => {
      legs.push({ ...l, recording: l.recording ?? null });
    };

    const inbound = scenario === 'inbound' || scenario === 'transfer' || scenario === 'forward' || scenario === 'queue' || scenario === 'ivr';
    const outcome: SandboxOutcome = inbound
      ? r.weighted({ answered: 62, missed: 12, voicemail: 10, abandoned: 6, busy: 5, rejected: 5 })
      : r.weighted({ answered: 66, missed: 14, busy: 10, failed: 5, rejected: 5 });
    const answered = outcome === 'answered';
    const recorded = answered && r.chance(0.34);
    const recording = (offset: number, seconds: number): SandboxRecording | null =>
      recorded ? { id: this.recordingId(profile, agent.id), start: at(offset), duration: seconds } : null;
    const endAt = answered ? ring + talk : outcome === 'voicemail' ? ring + r.int(5, 60) : ring;

    let caller: SandboxParty;
    let callee: SandboxParty;
    let direction: SandboxCall['direction'];
    let owner = agent;
    if (scenario === 'outbound' || scenario === 'ringout') {
      direction = 'outbound';
      caller = { ...company, name: agent.name, extensionId: agent.id };
      callee = external;
      if (scenario === 'ringout') {
        // RingOut calls the employee's own phone first; when that leg is busy the customer is never called.
        const callerBusy = outcome === 'busy' && r.chance(0.5);
        if (!callerBusy) {
          leg({ kind: 'callee', start: at(0), answer: answered ? at(ring) : null, end: at(endAt), direction: 'outbound', outcome, from: caller, to: external, extensionId: agent.id, recording: recording(ring, talk) });
        }
        leg({ kind: 'caller', start: at(0), answer: at(1), end: at(endAt), direction: 'outbound', outcome: callerBusy ? 'busy' : 'answered', from: caller, to: external, extensionId: agent.id });
      } else {
        leg({ kind: 'caller', start: at(0), answer: at(0), end: at(endAt), direction: 'outbound', outcome: 'answered', from: caller, to: external, extensionId: agent.id });
        leg({ kind: 'callee', start: at(0), answer: answered ? at(ring) : null, end: at(endAt), direction: 'outbound', outcome, from: caller, to: external, extensionId: agent.id, recording: recording(ring, talk) });
      }
    } else if (scenario === 'internal') {
      direction = 'internal';
      caller = party(agent);
      callee = party(colleague);
      leg({ kind: 'caller', start: at(0), answer: at(0), end: at(endAt), direction: 'internal', outcome: 'answered', from: caller, to: callee, extensionId: agent.id });
      leg({ kind: 'callee', start: at(0), answer: answered ? at(ring) : null, end: at(endAt), direction: 'internal', outcome, from: caller, to: callee, extensionId: colleague.id, recording: recording(ring, talk) });
    } else {
      direction = 'inbound';
      caller = external;
      callee = { ...company, name: agent.name, extensionId: agent.id };
      leg({ kind: 'caller', start: at(0), answer: at(0), end: at(endAt), direction: 'inbound', outcome: outcome === 'abandoned' ? 'abandoned' : 'answered', from: external, to: company, extensionId: null });
      let offset = 0;
      if ((scenario === 'ivr' && ivr) || (scenario === 'queue' && queue)) {
        const menu = (scenario === 'ivr' ? ivr : queue)!;
        offset = r.int(3, 20);
        leg({ kind: scenario === 'ivr' ? 'ivr' : 'queue', start: at(0), answer: at(0), end: at(offset), direction: 'inbound', outcome: 'answered', from: external, to: party(menu), extensionId: menu.id });
      }
      const agentOutcome = outcome === 'voicemail' || outcome === 'abandoned' ? 'missed' : outcome;
      if (scenario === 'forward') {
        // FindMe/FollowMe: the desk phone rings out, then the call follows the employee to a mobile number.
        const mobile: SandboxParty = { number: `${profile.externalPrefix}${r.chars('0123456789', 4)}`, name: agent.name, location: null, extensionId: agent.id };
        leg({ kind: 'callee', start: at(offset), answer: null, end: at(offset + ring), direction: 'inbound', outcome: answered ? 'answered-elsewhere' : 'missed', from: external, to: party(agent), extensionId: agent.id });
        leg({ kind: 'forward', start: at(offset + ring), answer: answered ? at(offset + ring + 2) : null, end: at(endAt + offset), direction: 'outbound', outcome: agentOutcome, from: external, to: mobile, extensionId: agent.id, recording: recording(offset + ring + 2, talk - 2) });
      } else if (scenario === 'transfer' && answered) {
        // The colleague picks up 3 s after the handover and talks at least a second: a short call hands over sooner.
        const handover = Math.min(r.int(10, Math.max(11, talk - 5)), talk - 4);
        leg({ kind: 'callee', start: at(offset), answer: at(offset + ring), end: at(offset + ring + handover), direction: 'inbound', outcome: 'answered', from: external, to: party(agent), extensionId: agent.id });
        leg({ kind: 'transfer', start: at(offset + ring + handover), answer: at(offset + ring + handover + 3), end: at(endAt + offset), direction: 'internal', outcome: 'answered', from: party(agent), to: party(colleague), extensionId: colleague.id, recording: recording(offset + ring + handover + 3, talk - handover - 3) });
        owner = colleague;
      } else {
        leg({ kind: 'callee', start: at(offset), answer: answered ? at(offset + ring) : null, end: at(offset + (answered ? ring + talk : ring)), direction: 'inbound', outcome: agentOutcome, from: external, to: party(agent), extensionId: agent.id, recording: recording(offset + ring, talk) });
      }
      if (outcome === 'voicemail') {
        leg({ kind: 'voicemail', start: at(offset + ring), answer: at(offset + ring), end: at(endAt + offset), direction: 'inbound', outcome: 'voicemail', from: external, to: party(agent), extensionId: agent.id });
      }
    }
    const end = legs.reduce((latest, l) => (l.end > latest ? l.end : latest), at(endAt));
    const recordings = legs.flatMap((l) => (l.recording ? [l.recording] : []));
    return {
      vendor,
      id: this.callId(profile),
      scenario,
      direction,
      start,
      answer: answered ? at(ring) : null,
      end,
      outcome,
      endedBy: answered ? r.pick(['caller', 'callee'] as const) : outcome === 'abandoned' ? 'caller' : 'system',
      caller,
      callee,
      extensionId: owner.id,
      legs,
      recordings,
    };
  }

  /** Call ids in the vendor's own style. */
  private callId(profile: SandboxVendorProfile): string {
    this.serial += 1;
    return profile.callId(this.random, this.serial);
  }

  /** A new recording id in the vendor's style (also for a recording that arrives after its call was served). */
  recordingId(profile: SandboxVendorProfile, extensionId: string): string {
    this.serial += 1;
    return profile.recordingId(this.random, this.serial, extensionId);
  }
}
