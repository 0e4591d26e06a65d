import { CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { CliError, processIo, ReportedFailure, type CliIo } from './cli-io.js';
import { buildProgram } from './program.js';

const USAGE_EXIT_CODE = 2;

function failure(io: CliIo, json: boolean, message: string, exitCode: number): number {
  if (json) io.out(`${JSON.stringify({ error: message })}\n`);
  else io.err(`error: ${message}\n`);
  return exitCode;
}

/** Runs one CLI invocation and returns its exit code; nothing here calls process.exit. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const json = argv.includes('--json');
  const program = buildProgram(io, json);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (error.code === 'commander.help') return USAGE_EXIT_CODE;
      return json ? failure(io, json, error.message.replace(/^error: /, ''), USAGE_EXIT_CODE) : USAGE_EXIT_CODE;
    }
    if (error instanceof ReportedFailure) return error.exitCode;
    if (error instanceof CliError) return failure(io, json, error.message, error.exitCode);
    if (error instanceof ConfigError) return failure(io, json, error.message, USAGE_EXIT_CODE);
    return failure(io, json, error instanceof Error ? error.message : String(error), 1);
  }
}
