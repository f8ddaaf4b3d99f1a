// Load at a fixed number of connections with autocannon, every response body checked.
'use strict';
const autocannon = require('autocannon');
const { cpuMs } = require('./processes');

/**
 * Runs `seconds` of POSTs at `connections` against `url`, measuring the server process's CPU from /proc.
 * `body(i)` gives the i-th request body (a fixed string for warm pages, a distinct one for cold pages);
 * `check(json)` throws when an answer is wrong. A wrong or failed answer fails the whole bench.
 */
async function load({ url, pid, seconds, connections = 50, body, headers = {}, check, maxRequests = 200_000 }) {
  const failures = [];
  let checked = 0;
  let serial = 0;
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    // An answer later than this counts as a failure (BENCH_TIMEOUT_S, default 10 s).
    timeout: Number(process.env.BENCH_TIMEOUT_S ?? 10),
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: body(serial++) }),
        // The whole body of each answer (autocannon's 'body' event gives chunks).
        onResponse: (status, text) => {
          checked += 1;
          try {
            check(text);
          } catch (error) {
            if (failures.length < 5) failures.push(error.message);
          }
        },
      },
    ],
  });
  const cpu = cpuMs(pid) - cpuBefore;
  const requests = result.requests.total;
  if (requests > maxRequests) throw new Error(`more than ${maxRequests} requests`);
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) failures.push(`${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  if (failures.length > 0) throw new Error(`${url}: wrong answers: ${failures.join('; ')}`);
  if (checked < requests) throw new Error(`${url}: ${requests - checked} answers were not checked`);
  return { rps: requests / seconds, requests, cpuMsPerRequest: cpu / Math.max(1, requests) };
}

/** A check of a GraphQL page: no errors, exactly `edges` edges. */
function pageCheck(edges) {
  return (text) => {
    const json = JSON.parse(text);
    if (json.errors) throw new Error(`errors: ${JSON.stringify(json.errors).slice(0, 300)}`);
    const got = json.data?.callSessions?.edges?.length;
    if (got !== edges) throw new Error(`${got} edges, not ${edges}`);
  };
}

module.exports = { load, pageCheck };
