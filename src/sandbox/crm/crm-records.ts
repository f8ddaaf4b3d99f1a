import { SandboxDataSet } from '../dataset/sandbox-dataset';
import { SeededRandom } from '../dataset/random';

/** A person in the sandbox CRM (Pipedrive's shape: https://developers.pipedrive.com/docs/api/v1/Persons). */
export interface CrmPerson {
  readonly id: number;
  readonly name: string;
  readonly phone: ReadonlyArray<{ readonly value: string; readonly primary: boolean }>;
  /** Pipedrive's "YYYY-MM-DD HH:mm:ss", UTC. */
  readonly add_time: string;
}

/** An activity (Pipedrive's shape: https://developers.pipedrive.com/docs/api/v1/Activities), with the call it logs. */
export interface CrmActivity {
  id: number;
  subject: string;
  type: string;
  done: boolean;
  due_date: string | null;
  due_time: string | null;
  /** "HH:MM". */
  duration: string | null;
  person_id: number | null;
  user_id: number | null;
  note: string | null;
  /** A custom field holding the call session's id, so that a log can be found by its call (getCallLog by session). */
  call_session_id: string | null;
  add_time: string;
  update_time: string;
}

export const pipedriveTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/**
 * The CRM's people: most outside numbers of the data set's calls belong to a person, some to two (a duplicate
 * created later, for App Connect's earliest-created rule), and the rest to nobody. Deterministic per data set.
 */
export function crmPeople(dataSet: SandboxDataSet, vendors: readonly string[], epoch: number): CrmPerson[] {
  const random = new SeededRandom(4104);
  const names = new Map<string, string>();
  for (const vendor of vendors) {
    for (const call of dataSet.callsOf(vendor)) {
      for (const party of [call.caller, call.callee]) {
        if (party.extensionId === null && party.number.startsWith('+') && !names.has(party.number)) names.set(party.number, party.name ?? '');
      }
    }
  }
  const people: CrmPerson[] = [];
  const add = (name: string, number: string): void => {
    const id = people.length + 1;
    people.push({ id, name, phone: [{ value: number, primary: true }], add_time: pipedriveTime(epoch - 86_400_000 * 400 + id * 60_000) });
  };
  const twins: Array<[string, string]> = [];
  for (const [number, name] of [...names].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!random.chance(0.75)) continue;
    const person = name || `Contact ${number.slice(-4)}`;
    add(person, number);
    if (random.chance(0.1)) twins.push([`${person} (duplicate)`, number]);
  }
  // Duplicates are created after every original, so the original is always the earliest-created match.
  for (const [name, number] of twins) add(name, number);
  return people;
}
