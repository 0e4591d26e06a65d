import { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import { registerCalls } from './commands/calls.js';
import { registerImport } from './commands/import.js';
import { registerKey } from './commands/key.js';
import { registerOrg } from './commands/org.js';
import { registerRetention } from './commands/retention.js';
import { registerServe } from './commands/serve.js';
import { registerTenant } from './commands/tenant.js';

export function buildProgram(io: CliIo, json: boolean): Command {
  const program = new Command('callbase')
    .description('callbase: a self-hosted call-log service for AI voice agents')
    .showHelpAfterError(!json)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
      // With --json the error becomes the one JSON object on stdout instead.
      outputError: (text, write) => {
        if (!json) write(text);
      },
    });
  registerServe(program, io);
  registerTenant(program, io);
  registerOrg(program, io);
  registerKey(program, io);
  registerImport(program, io);
  registerCalls(program, io);
  registerRetention(program, io);
  return program;
}
