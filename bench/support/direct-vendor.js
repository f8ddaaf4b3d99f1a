// One direct request to each vendor simulator: the request Callbridge makes first for a cold page with legs,
// asked by hand with the vendor's own credentials. Its time is what a page's latency is compared with.
'use strict';
const { join } = require('node:path');
const { formatWall } = require(join(__dirname, '..', '..', 'dist', 'src', 'lib', 'zoned-time'));

const gmt = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

async function timed(url, init, check) {
  const t = performance.now();
  const res = await fetch(url, init);
  const body = await res.json();
  const ms = performance.now() - t;
  if (!res.ok || !check(body)) throw new Error(`direct ${url.split('?')[0]}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  return ms;
}

/** By vendor, a function that times one list request over a window. */
async function directRequests(vendors) {
  const rc = vendors.RINGCENTRAL;
  const cg = vendors.CALLGEAR;
  const tp = vendors.TELPHIN;
  const rcToken = (await (await fetch(`${rc.baseUrl}/restapi/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${rc.credentials.clientId}:${rc.credentials.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: rc.credentials.jwt }),
  })).json()).access_token;
  const tpToken = (await (await fetch(`${tp.baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: tp.credentials.clientId, client_secret: tp.credentials.clientSecret }),
  })).json()).access_token;
  const cgZone = 'Europe/Berlin'; // the sandbox account's zone (get.account)
  return {
    RINGCENTRAL: (w) =>
      timed(`${rc.baseUrl}/restapi/v1.0/account/~/call-log?${new URLSearchParams({ dateFrom: w.from, dateTo: w.to, view: 'Detailed', perPage: '250', page: '1' })}`, { headers: { authorization: `Bearer ${rcToken}` } }, (b) => Array.isArray(b.records)),
    CALLGEAR: (w) =>
      timed(`${cg.baseUrl}/v2.0`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'get.calls_report', params: { access_token: cg.credentials.accessToken, date_from: formatWall(Date.parse(w.from), cgZone), date_till: formatWall(Date.parse(w.to), cgZone), offset: 0, limit: 1000, sort: [{ field: 'start_time', order: 'desc' }], fields: ['id', 'start_time', 'finish_time', 'direction', 'contact_phone_number', 'virtual_phone_number', 'total_duration', 'call_records', 'employees'] } }),
      }, (b) => Array.isArray(b.result?.data)),
    TELPHIN: (w) =>
      timed(`${tp.baseUrl}/api/ver1.0/client/@me/call_history/?${new URLSearchParams({ start_datetime: gmt(Date.parse(w.from)), end_datetime: gmt(Date.parse(w.to)), order: 'desc', page: '1', per_page: '500' })}`, { headers: { authorization: `Bearer ${tpToken}` } }, (b) => Array.isArray(b.call_history)),
  };
}

module.exports = { directRequests };
