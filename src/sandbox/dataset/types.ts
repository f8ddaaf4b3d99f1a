import type { SeededRandom } from './random';

/** The vendor-neutral sandbox data set: what happened, not how any vendor reports it. */
/** A simulator's name ("ringcentral"): its folder under sandbox/ and its share of the data set. */
export type SandboxVendor = string;

/**
 * A vendor's share of the data set, exported by its simulator folder: its staff, its numbers, how often
 * each call flow happens there, and ids in the vendor's own style.
 */
export interface SandboxVendorProfile {
  readonly vendor: SandboxVendor;
  /** The company's main number at this vendor (E.164). */
  readonly companyNumber: string;
  /** Outside callers' numbers start with this (E.164 prefix). */
  readonly externalPrefix: string;
  /** Whether the vendor stamps calls to the millisecond (RingCentral does, vendors.md §1.10); whole seconds otherwise. */
  readonly subSecondStarts?: boolean;
  /** How often each call flow happens (weights). */
  readonly scenarios: Readonly<Partial<Record<SandboxScenario, number>>>;
  /** Extensions: users, queues and IVR menus, numbered from firstNumber. */
  readonly staff: { readonly users: number; readonly queues: number; readonly ivrs: number; readonly firstNumber: number };
  extensionId(random: SeededRandom): string;
  callId(random: SeededRandom, serial: number): string;
  /**
   * The vendor's id for the whole call, when it keeps a call in several records and names the call apart
   * from them (RingCentral: the telephonySessionId its per-extension records share). Absent: the call id.
   */
  callKey?(callId: string): string;
  recordingId(random: SeededRandom, serial: number, extensionId: string): string;
}

export interface SandboxExtension {
  readonly vendor: SandboxVendor;
  readonly id: string;
  readonly number: string;
  readonly name: string;
  readonly kind: 'user' | 'queue' | 'ivr';
  readonly email: string | null;
  /** False for an extension deleted since its calls: calls still name it, the directory no longer lists it. */
  readonly active: boolean;
}

export type SandboxOutcome = 'answered' | 'missed' | 'voicemail' | 'busy' | 'rejected' | 'failed' | 'abandoned';

export type SandboxScenario = 'inbound' | 'outbound' | 'internal' | 'transfer' | 'forward' | 'ringout' | 'queue' | 'ivr';

export interface SandboxParty {
  /** As a vendor would print it (E.164 for external numbers, the short number for extensions). */
  readonly number: string;
  readonly name: string | null;
  readonly location: string | null;
  readonly extensionId: string | null;
}

export interface SandboxRecording {
  readonly id: string;
  readonly start: Date;
  /** Seconds. */
  readonly duration: number;
}

export type SandboxLegKind = 'caller' | 'callee' | 'forward' | 'transfer' | 'queue' | 'ivr' | 'voicemail';

export interface SandboxLeg {
  readonly kind: SandboxLegKind;
  readonly start: Date;
  readonly answer: Date | null;
  readonly end: Date;
  readonly direction: 'inbound' | 'outbound' | 'internal';
  readonly outcome: SandboxOutcome | 'answered-elsewhere';
  readonly from: SandboxParty;
  readonly to: SandboxParty;
  readonly extensionId: string | null;
  readonly recording: SandboxRecording | null;
}

export interface SandboxCall {
  readonly vendor: SandboxVendor;
  readonly id: string;
  readonly scenario: SandboxScenario;
  readonly direction: 'inbound' | 'outbound' | 'internal';
  /** Whole seconds, like every vendor's call log. */
  readonly start: Date;
  readonly answer: Date | null;
  readonly end: Date;
  readonly outcome: SandboxOutcome;
  readonly endedBy: 'caller' | 'callee' | 'system';
  readonly caller: SandboxParty;
  readonly callee: SandboxParty;
  /** The extension that owns the call. */
  readonly extensionId: string | null;
  readonly legs: readonly SandboxLeg[];
  readonly recordings: readonly SandboxRecording[];
}
