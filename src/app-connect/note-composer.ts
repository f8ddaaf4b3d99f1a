import { formatMomentStyle } from './moment-format';

/**
 * The note body App Connect writes into a CRM activity, composed the way its `composeCallLog` does
 * (ringcentral/rc-unified-crm-extension packages/core/lib/callLogComposer.ts; ../shared/partner-integrations.md
 * §1.4): each section is replaced in place when the existing body has it, else added, so an update rewrites its
 * sections and keeps the rest. test/fixtures/app-connect/compose-cases.json holds App Connect's own outputs.
 * Not composed: RingSense sections (Callbridge has no RingSense data).
 */
export type LogFormat = 'text/plain' | 'text/html' | 'text/markdown';

/** App Connect's user settings shape: `{ addCallLogNote: { value: false }, logDateFormat: { value: 'DD/MM/YYYY' } }`. */
export type UserSettings = Readonly<Record<string, { readonly value?: unknown } | undefined>>;

export interface ComposeInput {
  readonly logFormat?: LogFormat;
  /** The CRM activity's current body (an update); empty for a new one. */
  readonly existingBody?: string;
  /** The RingCentral call-log record (ringCentralRecord). */
  readonly callLog?: Readonly<Record<string, any>>;
  readonly contactInfo?: { readonly phoneNumber?: string | null };
  readonly user: { readonly userSettings?: UserSettings; readonly timezoneOffset?: string | number | null };
  readonly note?: string | null;
  readonly aiNote?: string | null;
  readonly transcript?: string | null;
  readonly recordingLink?: string | null;
  readonly voicemailLink?: string | null;
  readonly subject?: string | null;
  readonly startTime?: string | number | Date | null;
  /** Seconds (or App Connect's "pending"). */
  readonly duration?: number | string;
  readonly result?: string | null;
}

const setting = (settings: UserSettings, key: string, byDefault: boolean): boolean => (settings[key]?.value as boolean | undefined) ?? byDefault;

export function composeCallLog(input: ComposeInput): string {
  const format = input.logFormat ?? 'text/plain';
  const settings = input.user.userSettings ?? {};
  const callLog = input.callLog;
  const inbound = callLog?.['direction'] === 'Inbound';
  let body = input.existingBody ?? '';
  const start = input.startTime ?? callLog?.['startTime'];

  if (input.note && setting(settings, 'addCallLogNote', true)) body = agentNote(body, input.note, format);
  if (callLog?.['sessionId'] && setting(settings, 'addCallSessionId', false)) body = field(body, format, 'Session Id', String(callLog['sessionId']), REPLACE_LINE);
  if (settings['addRingCentralUserName']?.value) {
    const name = (inbound ? callLog?.['to']?.name : callLog?.['from']?.name) ?? null;
    if (name) body = fieldOnlyWhilePending(body, format, 'RingCentral user name', name);
  }
  if (setting(settings, 'addRingCentralNumber', false)) {
    const number = inbound ? callLog?.['to']?.phoneNumber : callLog?.['from']?.phoneNumber;
    if (number) {
      const extension = (inbound ? callLog?.['from']?.extensionNumber : callLog?.['to']?.extensionNumber) ?? '';
      body = field(body, format, 'RingCentral number and extension', `${number} ${extension}`, REPLACE_LINE);
    }
  }
  if (input.subject && setting(settings, 'addCallLogSubject', true)) body = field(body, format, 'Summary', input.subject, REPLACE_LINE);
  if (input.contactInfo?.phoneNumber && setting(settings, 'addCallLogContactNumber', false)) body = contactNumber(body, format, input.contactInfo.phoneNumber, callLog?.['direction']);
  if (start && setting(settings, 'addCallLogDateTime', true)) {
    const text = formatMomentStyle(new Date(start), (settings['logDateFormat']?.value as string | undefined) ?? 'YYYY-MM-DD hh:mm:ss A', offsetMinutes(input.user.timezoneOffset));
    body = dateTime(body, format, text);
  }
  if (input.duration !== undefined && setting(settings, 'addCallLogDuration', true)) body = field(body, format, 'Duration', spokenDuration(input.duration), REPLACE_VALUE);
  if (input.result && setting(settings, 'addCallLogResult', true)) body = field(body, format, 'Result', input.result, REPLACE_VALUE);
  if (input.recordingLink && setting(settings, 'addCallLogRecording', true)) body = link(body, format, 'Call recording link', input.recordingLink);
  if (input.voicemailLink && setting(settings, 'addCallLogRecording', true)) body = link(body, format, 'Voicemail recording link', input.voicemailLink);
  if (input.aiNote && setting(settings, 'addCallLogAiNote', true)) body = block(body, format, 'AI Note', input.aiNote.replace(/\n+$/, ''), '--- END', true);
  if (input.transcript && setting(settings, 'addCallLogTranscript', true)) body = block(body, format, 'Transcript', input.transcript, '--- END', true);
  if (Array.isArray(callLog?.['legs']) && setting(settings, 'addCallLogLegs', true) && callLog!['legs'].length > 0) {
    body = block(body, format, 'Call journey', journey(callLog!['legs']), '--- JOURNEY END', false);
  }
  return body;
}

/** How a plain-text or markdown field is matched: its whole line (and the newlines after), or its value only. */
const REPLACE_LINE = 'line';
const REPLACE_VALUE = 'value';
type Replace = typeof REPLACE_LINE | typeof REPLACE_VALUE;

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A `label: value` field: an HTML list item, a bold markdown line, a `- label:` line. */
function field(body: string, format: LogFormat, label: string, value: string, replace: Replace): string {
  if (format === 'text/html') {
    const html = new RegExp(`(?:<li>)?<b>${escape(label)}</b>:\\s*([^<\\n]+)(?:</li>|(?=<|$))`, 'i');
    const item = `<li><b>${label}</b>: ${value}</li>`;
    return html.test(body) ? body.replace(html, () => item) : body + item;
  }
  if (format === 'text/markdown') {
    const md = new RegExp(`\\*\\*${escape(label)}\\*\\*: [^\\n]*\\n*`);
    const line = `**${label}**: ${value}\n`;
    return md.test(body) ? body.replace(md, () => line) : body + line;
  }
  // Plain text: App Connect matches some fields by their whole line and trailing newlines, others by value only.
  const plain = replace === REPLACE_LINE ? new RegExp(`- ${escape(label)}: [^\\n]*\\n*`) : new RegExp(`- ${escape(label)}: ([^\\n-]+)(?=\\n-|\\n|$)`);
  const text = replace === REPLACE_LINE ? `- ${label}: ${value}\n` : `- ${label}: ${value}`;
  return plain.test(body) ? body.replace(plain, () => text) : body + `- ${label}: ${value}\n`;
}

/** The RingCentral user name is written once and replaced only while it says "(pending...)". */
function fieldOnlyWhilePending(body: string, format: LogFormat, label: string, value: string): string {
  const pattern =
    format === 'text/html'
      ? new RegExp(`(?:<li>)?<b>${escape(label)}</b>:\\s*([^<\\n]+)(?:</li>|(?=<|$))`, 'i')
      : format === 'text/markdown'
        ? new RegExp(`\\*\\*${escape(label)}\\*\\*: ([^\\n]*)\\n*`, 'i')
        : new RegExp(`- ${escape(label)}: ([^\\n]*)\\n*`);
  const text = format === 'text/html' ? `<li><b>${label}</b>: ${value}</li>` : format === 'text/markdown' ? `**${label}**: ${value}\n` : `- ${label}: ${value}\n`;
  const match = body.match(pattern);
  if (!match) return body + text;
  return match[1]!.trim() === '(pending...)' ? body.replace(pattern, () => text) : body;
}

function agentNote(body: string, note: string, format: LogFormat): string {
  if (format === 'text/html') {
    const html = /<b>Agent notes<\/b>([\s\S]+?)Call details<\/b>/;
    if (html.test(body)) return body.replace(html, () => `<b>Agent notes</b><br>${note}<br><br><b>Call details</b>`);
    return `<b>Agent notes</b><br>${note}<br><br><b>Call details</b><br>` + body;
  }
  if (format === 'text/markdown') {
    const md = /## Agent notes\n([\s\S]*?)\n## Call details/;
    if (md.test(body)) return body.replace(md, () => `## Agent notes\n${note}\n\n## Call details`);
    return body.startsWith('## Call details') ? `## Agent notes\n${note}\n\n` + body : `## Agent notes\n${note}\n\n## Call details\n` + body;
  }
  const plain = /- (?:Note|Agent notes): ([\s\S]*?)(?=\n- [A-Z][a-zA-Z\s/]*:|\n$|$)/;
  return plain.test(body) ? body.replace(plain, () => `- Note: ${note}`) : `- Note: ${note}\n` + body;
}

/** The contact's number: "Caller phone number" or "Recipient phone number" in HTML, "Contact Number" otherwise. */
function contactNumber(body: string, format: LogFormat, phoneNumber: string, direction: unknown): string {
  if (format === 'text/html') return field(body, format, `${direction === 'Outbound' ? 'Recipient' : 'Caller'} phone number`, phoneNumber, REPLACE_LINE);
  if (format === 'text/markdown') return field(body, format, 'Contact Number', phoneNumber, REPLACE_LINE);
  const plain = /- Contact Number: ([^\n-]+)(?=\n-|\n|$)/;
  return plain.test(body) ? body.replace(plain, () => `- Contact Number: ${phoneNumber}\n`) : body + `- Contact Number: ${phoneNumber}\n`;
}

function dateTime(body: string, format: LogFormat, text: string): string {
  if (format === 'text/html') return field(body, format, 'Date/time', text, REPLACE_LINE);
  if (format === 'text/markdown') return field(body, format, 'Date/Time', text, REPLACE_LINE);
  const plain = /^(- Date\/Time:).*$/m;
  return plain.test(body) ? body.replace(plain, () => `- Date/Time: ${text}`) : body + `- Date/Time: ${text}\n`;
}

/** A recording link: an "open" anchor in HTML (or "(pending...)" while it is not a URL), kept inside a list when the body has one. */
function link(body: string, format: LogFormat, label: string, url: string): string {
  if (format === 'text/html') {
    const html = new RegExp(`(?:<li>)?<b>${escape(label)}</b>:\\s*(?:<a[^>]*>[^<]*</a>|[^<]+)(?:</li>|(?=<|$))`, 'i');
    const item = url.startsWith('http') ? `<li><b>${label}</b>: <a target="_blank" href="${url}">open</a></li>` : `<li><b>${label}</b>: (pending...)</li>`;
    if (html.test(body)) return body.replace(html, () => item);
    return body.indexOf('</ul>') === -1 ? body + item : body.replace('</ul>', () => `${item}</ul>`);
  }
  if (format === 'text/markdown') return field(body, format, label, url, REPLACE_LINE);
  const plain = new RegExp(`- ${escape(label)}: [^\\n]*\\n*`);
  if (plain.test(body)) return body.replace(plain, () => `- ${label}: ${url}\n`);
  return (body && !body.endsWith('\n') ? body + '\n' : body) + `- ${label}: ${url}\n`;
}

/** A multi-line section: an HTML div, a markdown `###` heading, a plain-text block closed by an end marker. */
function block(body: string, format: LogFormat, title: string, text: string, end: string, spaced: boolean): string {
  if (format === 'text/html') {
    const html = new RegExp(`<div><b>${escape(title)}</b><br>(.+?)</div>`);
    const div = `<div><b>${title}</b><br>${text.replace(/(?:\r\n|\r|\n)/g, '<br>')}</div>`;
    return html.test(body) ? body.replace(html, () => div) : body + div + (spaced ? '<br>' : '');
  }
  if (format === 'text/markdown') {
    const md = new RegExp(`### ${escape(title)}\\n([\\s\\S]*?)(?=\\n### |\\n$|$)`);
    return md.test(body) ? body.replace(md, () => `### ${title}\n${text}\n`) : body + `### ${title}\n${text}\n`;
  }
  const plain = new RegExp(`- ${escape(title)}:([\\s\\S]*?)${escape(end)}`);
  if (plain.test(body)) return body.replace(plain, () => `- ${title}:\n${text}\n${end}`);
  return body + `${spaced ? '\n' : ''}- ${title}:\n${text}\n${end}\n`;
}

/** "Received call at …" or "Made call from …", then "Transferred to …, duration: N seconds" for each later leg. */
function journey(legs: ReadonlyArray<Record<string, any>>): string {
  return legs
    .map((leg, index) => {
      if (index === 0) return leg['direction'] === 'Outbound' ? `Made call from ${partyText(leg['from'])}` : `Received call at ${partyText(leg['to'])}`;
      const party = leg['direction'] === 'Outbound' && leg['legType'] !== 'PstnToSip' ? leg['from'] : leg['to'];
      return `Transferred to ${partyText(party)}, duration: ${leg['duration']} second${leg['duration'] > 1 ? 's' : ''}`;
    })
    .join('\n');
}

function partyText(party: Record<string, any> | undefined): string {
  const phone = party?.['phoneNumber'];
  const extension = party?.['extensionNumber'];
  if (!phone && !extension) return '';
  const number = phone && extension ? `${phone}, ext ${extension}` : phone ? phone : `ext ${extension}`;
  return party?.['name'] ? `${party['name']}, ${number}` : number;
}

/** "1 hour, 2 minutes, 3 seconds"; "0 seconds"; anything not a number as it is ("pending"). */
export function spokenDuration(seconds: number | string): string {
  if (typeof seconds !== 'number' || Number.isNaN(seconds)) return String(seconds);
  const unit = (n: number, one: string, many: string) => (n > 0 ? `${n} ${n > 1 ? many : one}` : '');
  const parts = [unit(Math.floor(seconds / 3600), 'hour', 'hours'), unit(Math.floor((seconds % 3600) / 60), 'minute', 'minutes'), seconds % 60 > 0 ? `${seconds % 60} ${seconds % 60 === 1 ? 'second' : 'seconds'}` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : '0 seconds';
}

/**
 * The user's offset in minutes, as moment's utcOffset reads it: "+05:30", or a number of hours when it is
 * under 16 in size, else of minutes. None: UTC (App Connect would use its server's own zone).
 */
export function offsetMinutes(offset: string | number | null | undefined): number {
  if (offset === null || offset === undefined || offset === '' || offset === 0) return 0;
  if (typeof offset === 'string' && offset.includes(':')) {
    const match = /^([+-])?(\d{1,2}):(\d{2})$/.exec(offset.trim());
    if (!match) return 0;
    return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
  }
  const n = Number(offset);
  if (!Number.isFinite(n)) return 0;
  return Math.abs(n) < 16 ? n * 60 : n;
}
