import { SingleBar } from 'cli-progress';

const NEWLINE = 0x0a;
const QUOTE = 0x22;

/**
 * Counts the records of an export as its bytes go by, without parsing it. In NDJSON every line
 * break ends a record (JSON escapes the ones in strings). In CSV one ends a record unless it sits
 * inside a quoted field (a doubled quote toggles twice, so it changes nothing), and the first
 * record is the header.
 */
export class RecordCounter {
  private quoted = false;
  private lines = 0;

  constructor(private readonly format: 'csv' | 'ndjson') {}

  add(chunk: Uint8Array): void {
    const csv = this.format === 'csv';
    for (const byte of chunk) {
      if (csv && byte === QUOTE) this.quoted = !this.quoted;
      else if (byte === NEWLINE && !this.quoted) this.lines += 1;
    }
  }

  get records(): number {
    return this.format === 'csv' ? Math.max(0, this.lines - 1) : this.lines;
  }
}

export interface CountProgress {
  update(done: number): void;
  stop(): void;
}

/** A bar over the calls of an export, with the rate and the time left; nothing without a terminal. */
export function exportProgress(stream: NodeJS.WritableStream | undefined, total: number): CountProgress {
  if (stream === undefined) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ stream, format: '{bar} {percentage}% | {value}/{total} calls | {eta_formatted} left', etaBuffer: 50, hideCursor: true });
  bar.start(Math.max(total, 1), 0);
  return { update: (done) => bar.update(Math.min(done, Math.max(total, 1))), stop: () => bar.stop() };
}
