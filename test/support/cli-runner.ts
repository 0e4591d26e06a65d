import type { Command } from 'commander';
import { main } from '../../src/cli/main.js';
import { buildProgram } from '../../src/cli/program.js';
import type { CliIo } from '../../src/cli/cli-io.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout as the one JSON object a --json command prints. */
  json: any;
}

/** Runs the CLI in-process with its own environment and captured output. */
export async function runCli(argv: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (text) => (stdout += text), err: (text) => (stderr += text), env };
  const code = await main(argv, io);
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  return { code, stdout, stderr, json };
}

/** Every command path of the CLI, e.g. ["tenant", "key", "create"]. */
export function commandPaths(): string[][] {
  const io: CliIo = { out: () => undefined, err: () => undefined, env: {} };
  const walk = (command: Command, prefix: string[]): string[][] =>
    command.commands.flatMap((child) => [[...prefix, child.name()], ...walk(child, [...prefix, child.name()])]);
  return walk(buildProgram(io, false), []);
}
