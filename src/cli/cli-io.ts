export interface CliIo {
  out(text: string): void;
  /** Where bulk output goes with backpressure (an export's bytes); `out` is used when absent. */
  stdout?: NodeJS.WritableStream;
  err(text: string): void;
  env: Record<string, string | undefined>;
  /** Where progress bars are drawn: a terminal on stderr, or nowhere when output is captured. */
  progressStream?: NodeJS.WritableStream;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  stdout: process.stdout,
  err: (text) => process.stderr.write(text),
  env: process.env,
  progressStream: process.stderr.isTTY ? process.stderr : undefined,
};

/** A failure the operator can act on: printed as its message alone, never with a stack. */
export class CliError extends Error {
  override name = 'CliError';

  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** The command has already said what happened; only its non-zero exit code remains to be given. */
export class ReportedFailure extends Error {
  override name = 'ReportedFailure';

  constructor(readonly exitCode: number) {
    super(`exit code ${exitCode}`);
  }
}
