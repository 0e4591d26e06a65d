import type { CallDetail } from '../../api/types.js';
import { Highlighted } from './highlight.js';

type Turns = NonNullable<CallDetail['transcript']>;

const SPEAKERS = { agent: 'Agent', user: 'Caller' } as const;

/**
 * The transcript as a conversation: the agent's turns on one side, the caller's on the other. A
 * transcript posted as plain text has no speakers: it is shown as the text it is, line breaks kept.
 */
export function Transcript({ turns, terms }: { turns: Turns | null | undefined; terms: string[] }) {
  if (turns === null || turns === undefined || turns.length === 0) return <p>No transcript was recorded for this call.</p>;
  const plain = turns.every((turn) => turn.role === null);
  return (
    <>
      {plain && <p className="secondary-text">Recorded as plain text, without speakers.</p>}
      <ol className="transcript">
        {turns.map((turn, index) => (
          <li key={index} className={`turn ${turn.role === null ? 'plain' : turn.role === 'agent' ? 'agent' : 'caller'}`}>
            {turn.role !== null && <span className="speaker">{SPEAKERS[turn.role]}</span>}
            <p>
              <Highlighted text={turn.text} terms={terms} />
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}
