import { SeededRandom } from './random';
import { SandboxExtension, SandboxVendorProfile } from './types';

const FIRST = ['Ava', 'Ben', 'Chloe', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kira', 'Leo', 'Maya', 'Nikolai', 'Olga', 'Pavel', 'Quinn', 'Rosa', 'Sam', 'Tara', 'Uma', 'Viktor', 'Wen', 'Yara', 'Zoe'];
const LAST = ['Novak', 'Schmidt', 'Ivanova', 'Garcia', 'Okafor', 'Lindqvist', 'Moreau', 'Petrov', 'Tanaka', 'Rossi', 'Kowalski', 'Haddad'];

/** The fictional company "Northwind Freight": each vendor's staff, as its profile plans it. */
export function generateExtensions(random: SeededRandom, profiles: readonly SandboxVendorProfile[]): SandboxExtension[] {
  const out: SandboxExtension[] = [];
  for (const profile of profiles) {
    const plan = profile.staff;
    let number = plan.firstNumber;
    const add = (kind: SandboxExtension['kind'], name: string, email: string | null, active = true): void => {
      out.push({ vendor: profile.vendor, id: profile.extensionId(random), number: String(number++), name, kind, email, active });
    };
    for (let i = 0; i < plan.users; i++) {
      const first = random.pick(FIRST);
      const last = random.pick(LAST);
      // The last user of each vendor has left the company: deleted from the directory, still on old calls.
      add('user', `${first} ${last}`, `${first}.${last}@northwind.example`.toLowerCase(), i < plan.users - 1);
    }
    for (let i = 0; i < plan.queues; i++) add('queue', i === 0 ? 'Sales Queue' : 'Support Queue', null);
    for (let i = 0; i < plan.ivrs; i++) add('ivr', 'Main Menu', null);
  }
  return out;
}
