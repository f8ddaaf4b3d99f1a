import { useQuery } from '@apollo/client';
import { clock } from '../timeline-layout';
import { PROVIDER_NAMES, time, who, word } from './labels';
import { LegTimeline } from './LegTimeline';
import { CALL } from './operations';
import { CallData, RecordingData } from './types';

/** One call: its figures, its legs as a timeline, and its recordings, playable. */
export function CallDetail({ id }: { id: string }) {
  const { data, loading, error } = useQuery<CallData>(CALL, { variables: { id } });
  if (loading && !data) return <p className="hint">Loading…</p>;
  if (error && !data?.callSession) return <p className="error" role="alert">{error.graphQLErrors[0]?.message ?? error.message}</p>;
  const call = data!.callSession;
  return (
    <article data-testid="call-detail" data-id={call.id}>
      <h2>
        {who(call.from)} → {who(call.to)}
      </h2>
      <dl className="facts">
        <dt>Vendor</dt>
        <dd>
          {PROVIDER_NAMES[call.provider]} · {call.account}
        </dd>
        <dt>Started</dt>
        <dd>{time(call.startTime)}</dd>
        <dt>Direction</dt>
        <dd>{word(call.direction)}</dd>
        <dt>Result</dt>
        <dd>
          {word(call.result)}
          {call.vendorResult ? ` (${call.vendorResult})` : ''}
        </dd>
        <dt>Length</dt>
        <dd>
          {call.duration !== null ? clock(call.duration) : '–'}
          {call.talkDuration !== null ? `, talking ${clock(call.talkDuration)}` : ''}
        </dd>
        <dt>Ended by</dt>
        <dd>{word(call.endedBy)}</dd>
      </dl>
      <h3>Legs</h3>
      {call.legs && call.legs.length > 0 ? <LegTimeline legs={call.legs} /> : <p className="hint">The vendor gives no legs for this call.</p>}
      <h3>Recordings</h3>
      {call.recordings && call.recordings.length > 0 ? (
        <ul className="recordings">
          {call.recordings.map((r) => (
            <Recording key={r.id} recording={r} />
          ))}
        </ul>
      ) : (
        <p className="hint">Not recorded.</p>
      )}
      {error && <p className="warning">{error.graphQLErrors.map((e) => e.message).join(' ')}</p>}
    </article>
  );
}

function Recording({ recording }: { recording: RecordingData }) {
  return (
    <li data-testid="recording" data-id={recording.id} data-duration={recording.duration ?? ''}>
      {/* The link is this server's signed, expiring URL; it serves Range requests, so the player can seek. */}
      <audio controls preload="metadata" src={recording.url} data-testid="recording-audio" />
      <span className="recording-facts">
        {recording.duration !== null ? clock(recording.duration) : 'length unknown'}
        {recording.contentType ? ` · ${recording.contentType}` : ''}
      </span>
    </li>
  );
}
