import axios from 'axios';
import { AppConnectConnector, AppConnectUser } from '../connector';

/**
 * The sample connector, for the sandbox CRM (src/sandbox/crm), written the way App Connect connectors are: the
 * seed's Pipedrive connector is the model (ringcentral/rc-unified-crm-extension src/connectors/pipedrive). Any
 * App Connect connector's four functions can stand in its place (docs/app-connect.md).
 *
 * `user.hostname` is the CRM's host (https) or base URL; `authHeader` is the CRM's `Bearer <token>`.
 */
const TIMEOUT_MS = 10_000;

const baseOf = (user: AppConnectUser): string => (/^https?:\/\//.test(user.hostname ?? '') ? user.hostname! : `https://${user.hostname}`);

function crm(user: AppConnectUser, authHeader: string) {
  return axios.create({ baseURL: `${baseOf(user)}/v1`, headers: { Authorization: authHeader }, timeout: TIMEOUT_MS });
}

/** "HH:MM" of a duration in seconds (Pipedrive's activity duration). */
function hoursMinutes(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const findContact: AppConnectConnector['findContact'] = async ({ user, authHeader, phoneNumber }) => {
  const res = await crm(user, authHeader).get('/persons/search', { params: { term: phoneNumber.trim(), fields: 'phone', exact_match: true } });
  const matchedContactInfo = (res.data.data.items as Array<{ item: { id: number; name: string; add_time: string } }>).map(({ item }) => ({
    id: String(item.id),
    name: item.name,
    phone: phoneNumber,
    type: 'Contact',
    // Pipedrive's add_time is UTC without a zone.
    createdDate: `${item.add_time.replace(' ', 'T')}Z`,
  }));
  return { successful: true, matchedContactInfo, returnMessage: { messageType: 'success', message: `Found ${matchedContactInfo.length} contacts`, ttl: 3000 } };
};

const createCallLog: AppConnectConnector['createCallLog'] = async ({ user, contactInfo, authHeader, callLog, composedLogDetails }) => {
  const start = new Date(callLog['startTime']);
  const party = contactInfo.name || contactInfo.phoneNumber || 'unknown number';
  const postBody = {
    subject: callLog['customSubject'] ?? `${callLog['direction']} Call ${callLog['direction'] === 'Outbound' ? 'to' : 'from'} ${party}`,
    type: 'call',
    done: true,
    due_date: start.toISOString().slice(0, 10),
    due_time: start.toISOString().slice(11, 16),
    duration: hoursMinutes(Number(callLog['duration']) || 0),
    person_id: contactInfo.id ? Number(contactInfo.id) : null,
    user_id: Number(user.id) || null,
    note: composedLogDetails,
    call_session_id: String(callLog['sessionId']),
  };
  const res = await crm(user, authHeader).post('/activities', postBody);
  return { logId: String(res.data.data.id), returnMessage: { message: 'Call logged', messageType: 'success', ttl: 2000 } };
};

const updateCallLog: AppConnectConnector['updateCallLog'] = async ({ user, existingCallLog, authHeader, duration, composedLogDetails }) => {
  const res = await crm(user, authHeader).put(`/activities/${existingCallLog.thirdPartyLogId}`, { note: composedLogDetails, duration: hoursMinutes(Number(duration) || 0) });
  return { updatedNote: res.data.data.note, returnMessage: { message: 'Call log updated', messageType: 'success', ttl: 2000 } };
};

const getCallLog: AppConnectConnector['getCallLog'] = async ({ user, authHeader, callLogId, telephonySessionId }) => {
  const client = crm(user, authHeader);
  let activity: { id: number; subject: string; note: string | null } | undefined;
  if (callLogId) {
    activity = (await client.get(`/activities/${callLogId}`)).data.data;
  } else {
    // By the call: the activity's call_session_id field (see createCallLog).
    activity = (await client.get('/activities', { params: { call_session_id: telephonySessionId, limit: 1 } })).data.data[0];
  }
  if (!activity) return { callLogInfo: null };
  return { callLogInfo: { logId: String(activity.id), subject: activity.subject, note: activity.note ?? '', fullBody: activity.note ?? '', fullLogResponse: activity } };
};

export const sandboxCrmConnector: AppConnectConnector = { findContact, createCallLog, updateCallLog, getCallLog };
