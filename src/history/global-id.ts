import { BadUserInputError } from '../domain/errors';
import { Provider } from '../domain/provider';
import { PROVIDERS } from '../vendors/registry';

/** The kinds of objects that carry a global id. */
export type GlobalIdType = 'CallSession' | 'Extension' | 'Recording';

export interface DecodedGlobalId {
  readonly type: GlobalIdType;
  readonly provider: Provider;
  readonly account: string;
  readonly nativeId: string;
}

const SEPARATOR = '\u001f';
const TYPES: readonly GlobalIdType[] = ['CallSession', 'Extension', 'Recording'];

/** Opaque global id: base64url of type, provider, account and native id. */
export function encodeGlobalId(id: DecodedGlobalId): string {
  return Buffer.from([id.type, id.provider, id.account, id.nativeId].join(SEPARATOR), 'utf8').toString('base64url');
}

/** A call session's global id. */
export function sessionGlobalId(owner: { readonly provider: Provider; readonly account: string }, nativeId: string): string {
  return encodeGlobalId({ type: 'CallSession', provider: owner.provider, account: owner.account, nativeId });
}

/** Decodes a global id, or throws BAD_USER_INPUT naming the argument. */
export function decodeGlobalId(text: string, argumentName: string, expected?: GlobalIdType): DecodedGlobalId {
  const decoded = tryDecodeGlobalId(text);
  if (!decoded || (expected && decoded.type !== expected)) {
    throw new BadUserInputError(`Argument "${argumentName}" is not a valid ${expected ?? 'Callbridge'} id.`, argumentName);
  }
  return decoded;
}

export function tryDecodeGlobalId(text: string): DecodedGlobalId | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const parts = Buffer.from(text, 'base64url').toString('utf8').split(SEPARATOR);
  if (parts.length !== 4) return null;
  const [type, provider, account, nativeId] = parts as [string, string, string, string];
  if (!TYPES.includes(type as GlobalIdType) || !PROVIDERS.includes(provider)) return null;
  if (account === '' || nativeId === '') return null;
  const decoded: DecodedGlobalId = { type: type as GlobalIdType, provider: provider as Provider, account, nativeId };
  // Reject non-canonical encodings so one object has exactly one id.
  return encodeGlobalId(decoded) === text ? decoded : null;
}
