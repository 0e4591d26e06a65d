import type { Command } from 'commander';
import { createTenant } from '../../tenants/tenants.service.js';
import { nonEmptyText } from '../arguments.js';
import type { CliIo } from '../cli-io.js';
import { report, withDatabase } from '../command-context.js';

export function registerTenant(program: Command, io: CliIo): void {
  const tenant = program.command('tenant').description('manage tenants (agencies, platform customers) and their keys');

  tenant
    .command('create')
    .description('create a tenant and its first tenant API key')
    .requiredOption('--name <name>', 'the tenant name', nonEmptyText(200))
    .option('--json', 'print one JSON object')
    .action(async (options: { name: string; json?: boolean }) => {
      const created = await withDatabase(io, ({ db, clock }) => createTenant(db, clock, options.name));
      report(io, options.json === true, created, (result) =>
        [
          `Tenant created: ${result.tenantId}`,
          `Tenant API key: ${result.apiKey}`,
          'The key is shown this once and cannot be recovered: store it now.',
        ].join('\n'),
      );
    });
}
