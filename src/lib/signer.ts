import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signs small JSON payloads into opaque tokens (`payload.signature`, base64url), with one derived key per
 * purpose so a cursor can never pass as a recording token or the reverse.
 */
export class Signer {
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly secret: string) {
    if (secret.length < 32) throw new Error('the signing secret must be at least 32 characters');
  }

  sign(purpose: string, payload: unknown): string {
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return `${body}.${this.mac(purpose, body).toString('base64url')}`;
  }

  /** The payload of a token made for this purpose, or null when it is malformed or not ours. */
  verify(purpose: string, token: string, maxLength = 8192): unknown {
    if (typeof token !== 'string' || token.length > maxLength) return null;
    const dot = token.indexOf('.');
    if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = this.mac(purpose, body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
    } catch {
      return null;
    }
  }

  private mac(purpose: string, body: string): Buffer {
    let key = this.keys.get(purpose);
    if (!key) {
      key = createHmac('sha256', this.secret).update(`callbridge:${purpose}`).digest();
      this.keys.set(purpose, key);
    }
    return createHmac('sha256', key).update(body).digest();
  }
}
