import { NetworkStatus, useQuery } from '@apollo/client';
import { useEffect, useRef } from 'react';
import { clock } from '../timeline-layout';
import { PROVIDER_NAMES, time, who, word } from './labels';
import { CALLS } from './operations';
import { CallsData, FilterState } from './types';

/** Rows a page asks for: a screen and a half, so the sentinel is below the fold when the first page lands. */
const PAGE_SIZE = 30;

interface Props {
  filter: FilterState;
  selected: string | null;
  onSelect(id: string): void;
}

/** The GraphQL filter a filter bar stands for. */
export function callFilter(filter: FilterState): Record<string, unknown> {
  return {
    ...(filter.provider ? { providers: [filter.provider] } : {}),
    ...(filter.direction ? { directions: [filter.direction] } : {}),
    ...(filter.result ? { results: [filter.result] } : {}),
    ...(filter.extension ? { extensionIds: [filter.extension.id] } : {}),
    ...(filter.phone ? { phoneNumber: filter.phone } : {}),
  };
}

/**
 * The calls, newest first, loading the next page when the end of the list scrolls into view: `fetchMore`
 * asks for the page after the last cursor, and the cache's relayStylePagination appends it.
 */
export function CallList({ filter, selected, onSelect }: Props) {
  const { data, error, fetchMore, networkStatus } = useQuery<CallsData>(CALLS, {
    variables: { first: PAGE_SIZE, filter: callFilter(filter) },
    notifyOnNetworkStatusChange: true,
  });
  const scroller = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const connection = data?.callSessions;
  const busy = networkStatus === NetworkStatus.loading || networkStatus === NetworkStatus.fetchMore || networkStatus === NetworkStatus.setVariables;
  const more = connection?.pageInfo.hasNextPage ?? false;

  useEffect(() => {
    const target = sentinel.current;
    if (!target || !more || busy || error) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          void fetchMore({ variables: { after: connection!.pageInfo.endCursor } });
        }
      },
      { root: scroller.current, rootMargin: '200px' },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [more, busy, error, connection, fetchMore]);

  const rows = connection?.edges ?? [];
  return (
    <div className="list" ref={scroller} data-testid="call-list" aria-busy={busy}>
      {error && (
        <p className="error" role="alert" data-testid="list-error">
          {error.graphQLErrors[0]?.message ?? error.message}
        </p>
      )}
      {connection && connection.missingProviders.length > 0 && (
        <p className="warning" role="status">
          Not shown (vendor unavailable): {connection.missingProviders.map((m) => `${PROVIDER_NAMES[m.provider]} ${m.account}`).join(', ')}
        </p>
      )}
      <ol className="calls">
        {rows.map(({ node }) => (
          <li
            key={node.id}
            data-testid="call-row"
            data-id={node.id}
            data-provider={node.provider}
            data-direction={node.direction}
            data-result={node.result}
            data-extension={node.extension?.id ?? ''}
            data-from={node.from.phoneNumber ?? ''}
            data-to={node.to.phoneNumber ?? ''}
            className={`call ${node.id === selected ? 'selected' : ''} result-${node.result.toLowerCase()}`}
            onClick={() => onSelect(node.id)}
          >
            <span className={`vendor vendor-${node.provider.toLowerCase()}`}>{PROVIDER_NAMES[node.provider]}</span>
            <span className="when">{time(node.startTime)}</span>
            <span className="parties">
              <span className={`arrow arrow-${node.direction.toLowerCase()}`} title={word(node.direction)} />
              {who(node.from)} → {who(node.to)}
            </span>
            <span className="result">{word(node.result)}</span>
            <span className="length">{node.duration !== null ? clock(node.duration) : '–'}</span>
            {node.hasRecording && <span className="has-recording" title="Recorded" />}
          </li>
        ))}
      </ol>
      {rows.length === 0 && !busy && !error && <p className="hint" data-testid="no-calls">No calls match.</p>}
      <div ref={sentinel} className="sentinel" data-testid="list-end">
        {busy ? 'Loading…' : more ? '' : rows.length > 0 ? `All ${rows.length} calls` : ''}
      </div>
    </div>
  );
}
