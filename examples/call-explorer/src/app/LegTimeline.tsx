import { clock, layoutTimeline } from '../timeline-layout';
import { who, word } from './labels';
import { LegData } from './types';

const WIDTH = 640;
const LABEL = 210;
const ROW = 34;
const AXIS = 24;
const BAR = 14;
/** Room right of the latest bar end for its note ("✓ Zoe Tanaka 12:34", "Missed"). */
const NOTE = 150;

/**
 * A call's legs as a picture: one row per leg, "caller → callee" on the left; on the time axis an amber bar
 * while it rang and a green bar while it talked. A leg nobody answered rings in grey and ends in a cross.
 */
export function LegTimeline({ legs }: { legs: LegData[] }) {
  const layout = layoutTimeline(legs, LABEL, WIDTH - LABEL - NOTE);
  const height = AXIS + legs.length * ROW + 8;
  return (
    <svg className="timeline" data-testid="leg-timeline" width={WIDTH} height={height} viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`${legs.length} legs over ${clock(layout.spanMs / 1000)}`}>
      {layout.ticks.map((t) => (
        <g key={t.seconds}>
          <line x1={t.x} x2={t.x} y1={AXIS - 6} y2={height} className="tick" />
          <text x={t.x} y={AXIS - 10} className="tick-label" textAnchor="middle">
            {clock(t.seconds)}
          </text>
        </g>
      ))}
      {legs.map((leg, i) => {
        const bar = layout.bars[i]!;
        const y = AXIS + i * ROW + (ROW - BAR) / 2;
        const answeredBy = bar.answered ? who(leg.to) : null;
        return (
          <g
            key={leg.index}
            data-testid="leg"
            data-answered={bar.answered}
            data-ring-seconds={bar.ringSeconds ?? ''}
            data-talk-seconds={bar.talkSeconds}
          >
            <title>{`${who(leg.from)} → ${who(leg.to)}: ${word(leg.result)}, ${bar.ringSeconds === null ? 'ringing time not given' : `rang ${clock(bar.ringSeconds)}`}${bar.answered ? `, talked ${clock(bar.talkSeconds)} (answered by ${answeredBy})` : ''}`}</title>
            <text x={4} y={y + BAR - 2} className="leg-label">
              {truncate(`${who(leg.from)} → ${who(leg.to)}`, 30)}
            </text>
            {bar.ringWidth > 0 && <rect data-testid="ring" x={bar.ringX} y={y} width={bar.ringWidth} height={BAR} rx={2} className={bar.answered ? 'ring' : 'ring unanswered'} />}
            {bar.answered && <rect data-testid="talk" x={bar.talkX} y={y} width={bar.talkWidth} height={BAR} rx={2} className="talk" />}
            {!bar.answered && <path d={cross(bar.ringX + bar.ringWidth + 7, y + BAR / 2)} className="cross" />}
            <text x={(bar.answered ? bar.talkX + bar.talkWidth : bar.ringX + bar.ringWidth + 8) + 8} y={y + BAR - 2} className="leg-note">
              {bar.answered ? `✓ ${truncate(who(leg.to), 14)} ${clock(bar.talkSeconds)}` : word(leg.result)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

const truncate = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const cross = (x: number, y: number): string => `M${x - 4},${y - 4} L${x + 4},${y + 4} M${x + 4},${y - 4} L${x - 4},${y + 4}`;
