import { onThisServer } from '../../api/client.js';
import { useResource } from '../../api/use-resource.js';
import { ErrorMessage, Loading } from '../../components/status.js';

interface Turn {
  speaker: 'agent' | 'caller' | undefined;
  text: string;
}

const SPEAKER = /^(Agent|Caller): (.*)$/;

/**
 * The transcript's plain text as turns. The server writes one `Agent:` or `Caller:` line per turn;
 * a transcript posted as free text keeps its own lines, shown without a speaker.
 */
export function turnsOf(text: string): Turn[] {
  const turns: Turn[] = [];
  for (const line of text.split('\n')) {
    const match = SPEAKER.exec(line);
    if (match !== null) turns.push({ speaker: match[1] === 'Agent' ? 'agent' : 'caller', text: match[2]! });
    else if (line.trim() !== '') turns.push({ speaker: undefined, text: line });
  }
  return turns;
}

async function fetchTranscript(link: string, signal: AbortSignal): Promise<string> {
  const response = await fetch(onThisServer(link), { signal });
  if (!response.ok) throw new Error(`The transcript could not be loaded (${response.status}).`);
  return response.text();
}

export function Transcript({ link }: { link: string | null }) {
  const transcript = useResource((signal) => (link === null ? Promise.resolve('') : fetchTranscript(link, signal)), link ?? '');
  if (link === null) return <p>No transcript was recorded for this call.</p>;
  if (transcript.state === 'failed') return <ErrorMessage error={transcript.error} />;
  if (transcript.state === 'loading') return <Loading label="Loading the transcript…" />;
  return (
    <ol className="transcript">
      {turnsOf(transcript.data).map((turn, index) => (
        <li key={index} className={`turn ${turn.speaker ?? 'plain'}`}>
          {turn.speaker !== undefined && <span className="speaker">{turn.speaker === 'agent' ? 'Agent' : 'Caller'}</span>}
          <p>{turn.text}</p>
        </li>
      ))}
    </ol>
  );
}
