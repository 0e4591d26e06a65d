import { useState } from 'react';
import { ownLink } from '../../api/client.js';

interface RecordingPlayerProps {
  callId: string;
  link: string | null;
  /** Asks the server for the call again, with fresh links: a link lasts an hour, and a page may stay open longer. */
  onReload(): void;
}

/**
 * The browser's own audio player: play, pause, volume and seeking, all reachable from the
 * keyboard. An uploaded recording is served by this server, as the page's policy requires; a voice
 * provider's own link is offered to open instead, which the policy would not let the page play.
 */
export function RecordingPlayer({ callId, link, onReload }: RecordingPlayerProps) {
  const [failed, setFailed] = useState(false);
  // A new attempt is a new element: one that has failed does not try the same address again.
  const [attempt, setAttempt] = useState(0);
  if (link === null) return <p>No recording is stored for this call.</p>;
  const retry = () => {
    setFailed(false);
    setAttempt(attempt + 1);
    onReload();
  };
  const source = ownLink(link, `/api/calls/${encodeURIComponent(callId)}/recording`);
  if (source === undefined) {
    return (
      <p>
        The recording is kept by the voice provider.{' '}
        <a href={link} target="_blank" rel="noreferrer">
          Open the provider's recording
        </a>{' '}
        (in a new tab).
      </p>
    );
  }
  return (
    <>
      <audio key={attempt} className="recording" controls preload="metadata" src={source} aria-label="Call recording" onError={() => setFailed(true)} />
      {failed ? (
        <div className="error" role="alert">
          <p>
            The recording could not be loaded: its link lasts an hour, or the call may have been deleted.{' '}
            <button type="button" className="secondary" onClick={retry}>
              Load it again
            </button>
          </p>
        </div>
      ) : (
        <p className="recording-download">
          <a href={source} download>
            Download the recording
          </a>
        </p>
      )}
    </>
  );
}
