import type { Command } from 'commander';
import { startServer } from '../../server.js';
import type { CliIo } from '../cli-io.js';

export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('serve the API and the dashboard (what `npm start` runs)')
    .option('--json', 'accepted for uniformity; the server logs JSON lines')
    .action(async () => {
      await startServer(io.env);
    });
}
