/**
 * The simulators' control of their calls (the README's POST, PATCH and DELETE /__sandbox/calls), for tests
 * that add, change or delete records while a client reads. Each answers the raw Response so that tests can
 * check refusals too.
 */
const send = (url: string, method: string, body?: object): Promise<Response> =>
  fetch(url, { method, ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}) });

/** Appends calls: `{ count, startedSecondsAgo? }`. */
export const appendCalls = (baseUrl: string, body: { count: number; startedSecondsAgo?: number }): Promise<Response> => send(`${baseUrl}/__sandbox/calls`, 'POST', body);

/** The native ids of calls appended. */
export async function appendedIds(baseUrl: string, body: { count: number; startedSecondsAgo?: number }): Promise<string[]> {
  const res = await appendCalls(baseUrl, body);
  if (res.status !== 200) throw new Error(`appending calls answered ${res.status}`);
  return ((await res.json()) as { ids: string[] }).ids;
}

/** Changes a call after it was served: `{ extendSeconds?, addRecording? }` (other bodies test refusals). */
export const changeCall = (baseUrl: string, id: string, body: object): Promise<Response> => send(`${baseUrl}/__sandbox/calls/${encodeURIComponent(id)}`, 'PATCH', body);

/** Deletes a call. */
export const deleteCall = (baseUrl: string, id: string): Promise<Response> => send(`${baseUrl}/__sandbox/calls/${encodeURIComponent(id)}`, 'DELETE');
