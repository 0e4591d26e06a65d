import type { Command } from 'commander';
import { presentApiKey } from '../../api-keys/api-key-presenter.js';
import { listKeys } from '../../api-keys/api-keys.repository.js';
import { createOrganizationKey, revokeKeyIn } from '../../api-keys/api-keys.service.js';
import { ApiError } from '../../http/api-error.js';
import { nonEmptyText, uuidArgument } from '../arguments.js';
import { CliError, type CliIo } from '../cli-io.js';
import { report, withDatabase } from '../command-context.js';
import { apiKeyTable, table } from '../format.js';
import { organizationOrFail } from '../lookups.js';

/** API errors (such as the five-key limit) become operator messages. */
function asCliError(error: unknown): never {
  if (error instanceof ApiError) throw new CliError(error.details?.[0]?.message ?? error.message);
  throw error;
}

export function registerKey(program: Command, io: CliIo): void {
  const key = program.command('key').description("manage an organization's API keys");

  key
    .command('create')
    .description('issue an organization key (at most 5 active per organization)')
    .requiredOption('--org <id>', 'the organization id', uuidArgument)
    .requiredOption('--name <name>', 'a name to recognise the key by', nonEmptyText(100))
    .option('--json', 'print one JSON object')
    .action(async (options: { org: string; name: string; json?: boolean }) => {
      const created = await withDatabase(io, async ({ db, clock }) => {
        const organization = await organizationOrFail(db, options.org);
        return createOrganizationKey(db, clock, { tenantId: organization.tenant_id, organizationId: organization.id }, options.name, null).catch(asCliError);
      });
      report(io, options.json === true, created, (r) =>
        [`Organization key ${r.id} created.`, `API key: ${r.key}`, 'The key is shown this once and cannot be recovered: store it now.'].join('\n'),
      );
    });

  key
    .command('list')
    .description("list an organization's keys, without their secrets")
    .requiredOption('--org <id>', 'the organization id', uuidArgument)
    .option('--json', 'print one JSON object')
    .action(async (options: { org: string; json?: boolean }) => {
      const keys = await withDatabase(io, async ({ db }) => {
        const organization = await organizationOrFail(db, options.org);
        return listKeys(db, { tenantId: organization.tenant_id, organizationId: organization.id });
      });
      report(io, options.json === true, { apiKeys: keys.map(presentApiKey) }, (r) => apiKeyTable(r.apiKeys));
    });

  key
    .command('revoke')
    .description('revoke an organization key; it stops working at once')
    .argument('<keyId>', 'the key id', uuidArgument)
    .requiredOption('--org <id>', 'the organization id', uuidArgument)
    .option('--json', 'print one JSON object')
    .action(async (keyId: string, options: { org: string; json?: boolean }) => {
      await withDatabase(io, async ({ db, clock }) => {
        const organization = await organizationOrFail(db, options.org);
        await revokeKeyIn(db, clock, { tenantId: organization.tenant_id, organizationId: organization.id }, keyId, null).catch((error: unknown) => {
          throw error instanceof ApiError ? new CliError(`Organization ${options.org} has no key ${keyId}.`) : error;
        });
      });
      report(io, options.json === true, { id: keyId, revoked: true }, (r) => `Key ${r.id} revoked.`);
    });
}
