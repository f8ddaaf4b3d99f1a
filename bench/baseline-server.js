#!/usr/bin/env node
// The baseline the benchmarks compare Callbridge with: a minimal Apollo Server 5 on the same Express 5
// integration, over the same schema, answering the JSON Callbridge answered (captured by the bench) from memory
// through one trivial resolver. Whatever Callbridge spends beyond this is its own work.
// Usage: node bench/baseline-server.js <captures.json>   (prints "Baseline listening on <url>")
'use strict';
const { readFileSync } = require('node:fs');
const { createServer } = require('node:http');
const { join } = require('node:path');
const { ApolloServer } = require('@apollo/server');
const { expressMiddleware } = require('@as-integrations/express5');
const express = require('express');

async function main() {
  const captures = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const typeDefs = readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8');
  // The root field's captured answer, by operation name; every other field is graphql-js's default resolver.
  const resolvers = { Query: { callSessions: (_root, _args, _ctx, info) => captures[info.operation.name.value].callSessions } };
  const apollo = new ApolloServer({ typeDefs, resolvers });
  await apollo.start();
  const app = express();
  app.use('/graphql', express.json({ limit: '256kb' }), expressMiddleware(apollo));
  const server = createServer(app);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  console.log(`Baseline listening on http://127.0.0.1:${server.address().port}/graphql`);
  process.on('SIGTERM', () => void apollo.stop().then(() => process.exit(0)));
}

void main();
