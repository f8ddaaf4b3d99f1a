import { createHash } from 'node:crypto';

/** How an API key is stored in the configuration: "sha256:<hex>", never the key itself. */
export const hashApiKey = (key: string): string => `sha256:${createHash('sha256').update(key).digest('hex')}`;
