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
  /** A Recording's session (its native id): recordings are read through their session (node(id)). */
  readonly session?: string;
}

const SEPARATOR = '\u001f';
const TYPES: readonly GlobalIdType[] = ['CallSession', 'Extension', 'Recording'];

/** Opaque global id: base64url of type, provider, account and native id, and a recording's session. */
export function encodeGlobalId(id: DecodedGlobalId): string {
  const parts = [id.type, id.provider, id.account, id.nativeId, ...(id.type === 'Recording' ? [id.session ?? ''] : [])];
  return Buffer.from(parts.join(SEPARATOR), 'utf8').toString('base64url');
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
  const [type, provider, account, nativeId, session] = parts as [string, string, string, string, string | undefined];
  if (parts.length !== (type === 'Recording' ? 5 : 4)) return null;
  if (!TYPES.includes(type as GlobalIdType) || !PROVIDERS.includes(provider)) return null;
  if (account === '' || nativeId === '' || session === '') return null;
  const decoded: DecodedGlobalId = { type: type as GlobalIdType, provider: provider as Provider, account, nativeId, ...(session !== undefined ? { session } : {}) };
  // Reject non-canonical encodings so one object has exactly one id.
  return encodeGlobalId(decoded) === text ? decoded : null;
}
