import { SeededRandom } from './random';
import { SandboxExtension, SandboxVendor } from './types';

const FIRST = ['Ava', 'Ben', 'Chloe', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kira', 'Leo', 'Maya', 'Nikolai', 'Olga', 'Pavel', 'Quinn', 'Rosa', 'Sam', 'Tara', 'Uma', 'Viktor', 'Wen', 'Yara', 'Zoe'];
const LAST = ['Novak', 'Schmidt', 'Ivanova', 'Garcia', 'Okafor', 'Lindqvist', 'Moreau', 'Petrov', 'Tanaka', 'Rossi', 'Kowalski', 'Haddad'];

/** Extensions per vendor: the fictional company "Northwind Freight" runs about 40 of them over three vendors. */
const PLAN: ReadonlyArray<{ vendor: SandboxVendor; users: number; queues: number; ivrs: number; firstNumber: number }> = [
  { vendor: 'ringcentral', users: 12, queues: 1, ivrs: 1, firstNumber: 101 },
  { vendor: 'callgear', users: 11, queues: 1, ivrs: 0, firstNumber: 201 },
  { vendor: 'telphin', users: 11, queues: 2, ivrs: 1, firstNumber: 301 },
];

export function generateExtensions(random: SeededRandom): SandboxExtension[] {
  const out: SandboxExtension[] = [];
  for (const plan of PLAN) {
    let number = plan.firstNumber;
    const add = (kind: SandboxExtension['kind'], name: string, email: string | null, active = true): void => {
      out.push({ vendor: plan.vendor, id: extensionId(plan.vendor, random), number: String(number++), name, kind, email, active });
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

/** Extension ids in each vendor's native style (RingCentral: 12-digit; CallGear: employee number; Telphin: 6-digit). */
function extensionId(vendor: SandboxVendor, random: SeededRandom): string {
  if (vendor === 'ringcentral') return `4000000${random.chars('0123456789', 5)}`;
  if (vendor === 'callgear') return String(random.int(100000, 999999));
  return String(random.int(400000, 499999));
}
