import { onThisServer } from '../../api/client.js';

/**
 * The browser's own audio player: play, pause, volume and seeking, all reachable from the
 * keyboard. The link is signed and served by this server, as the page's policy requires.
 */
export function RecordingPlayer({ link }: { link: string | null }) {
  if (link === null) return <p>No recording is stored for this call.</p>;
  return (
    <audio className="recording" controls preload="metadata" src={onThisServer(link)} aria-label="Call recording">
      <a href={onThisServer(link)}>Download the recording</a>
    </audio>
  );
}
