import { SingleBar } from 'cli-progress';

export interface Progress {
  update(done: number, rows: number): void;
  stop(): void;
}

const silent: Progress = { update: () => undefined, stop: () => undefined };

/** A bar over the bytes of a file, with rows per second and the time left; nothing without a terminal. */
export function fileProgress(stream: NodeJS.WritableStream | undefined, totalBytes: number): Progress {
  if (stream === undefined) return silent;
  const started = Date.now();
  const bar = new SingleBar({
    stream,
    format: '{bar} {percentage}% | {rows} rows | {rate} rows/s | {eta_formatted} left',
    etaBuffer: 50,
    hideCursor: true,
  });
  bar.start(Math.max(totalBytes, 1), 0, { rows: 0, rate: 0 });
  return {
    update(done, rows) {
      const seconds = (Date.now() - started) / 1000;
      bar.update(done, { rows, rate: seconds > 0 ? Math.round(rows / seconds) : 0 });
    },
    stop: () => bar.stop(),
  };
}
