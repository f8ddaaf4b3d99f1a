#!/usr/bin/env node
// `npm run key`: a new API key, and the line that goes into the configuration (a tenant's apiKeys). The key itself
// is shown once and stored nowhere: Callbridge keeps only its SHA-256 (src/config/api-keys.ts).
'use strict';
const { createHash, randomBytes } = require('node:crypto');

const key = `cb_${randomBytes(32).toString('base64url')}`;
const hash = `sha256:${createHash('sha256').update(key).digest('hex')}`;
console.log(`API key (give it to the client; it is not stored anywhere): ${key}`);
console.log('Add this line to the tenant\'s apiKeys in the configuration:');
console.log(`      - "${hash}"`);
