import { CrmActivity, CrmPerson } from './crm-records';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The sandbox CRM's activities as a page a person can read (GET /): newest first, notes shown as the CRM stores them. */
export function crmPage(activities: readonly CrmActivity[], people: readonly CrmPerson[]): string {
  const names = new Map(people.map((p) => [p.id, p.name]));
  const rows = [...activities]
    .reverse()
    .slice(0, 500)
    .map(
      (a) => `<tr><td>${a.id}</td><td>${escape(a.subject)}</td><td>${escape(a.person_id ? names.get(a.person_id) ?? String(a.person_id) : '—')}</td><td>${escape(`${a.due_date ?? ''} ${a.due_time ?? ''}`)}</td><td>${escape(a.duration ?? '')}</td><td><pre>${escape(a.note ?? '')}</pre></td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Sandbox CRM</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}pre{white-space:pre-wrap;margin:0;max-width:60em}</style></head>
<body><h1>Sandbox CRM</h1><p>${activities.length} call activities logged by Callbridge, ${people.length} people. Newest first (at most 500 shown).</p>
<table><tr><th>id</th><th>subject</th><th>person</th><th>date (UTC)</th><th>duration</th><th>note</th></tr>
${rows}
</table></body></html>`;
}
