import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { presentApiKey } from '../../api-keys/api-key-presenter.js';
import { listKeys } from '../../api-keys/api-keys.repository.js';
import { createTenantKey, revokeKeyIn } from '../../api-keys/api-keys.service.js';
import { ApiError } from '../../http/api-error.js';
import { compileMetadataSchema } from '../../organizations/metadata-schema.js';
import { formatInstant } from '../../shared/instants.js';
import { listTenants } from '../../tenants/tenants.repository.js';
import { changeMetadataSchema, createTenant } from '../../tenants/tenants.service.js';
import { nonEmptyText, uuidArgument } from '../arguments.js';
import { CliError, type CliIo } from '../cli-io.js';
import { report, withDatabase } from '../command-context.js';
import { apiKeyTable, table } from '../format.js';
import { tenantOrFail } from '../lookups.js';

interface JsonOption {
  json?: boolean;
}

const SHOWN_ONCE = 'The key is shown this once and cannot be recovered: store it now.';

async function readSchemaFile(file: string): Promise<string> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    compileMetadataSchema(text);
  } catch (error) {
    throw new CliError(`${file} is not a usable JSON Schema: ${error instanceof Error ? error.message : String(error)}`);
  }
  return JSON.stringify(JSON.parse(text));
}

function registerTenantKeys(tenant: Command, io: CliIo): void {
  const key = tenant.command('key').description("manage a tenant's own API keys (for rotation)");

  key
    .command('create')
    .description('issue another tenant key')
    .requiredOption('--tenant <id>', 'the tenant id', uuidArgument)
    .option('--name <name>', 'a name to recognise the key by', nonEmptyText(100), 'Tenant key')
    .option('--json', 'print one JSON object')
    .action(async (options: { tenant: string; name: string } & JsonOption) => {
      const issued = await withDatabase(io, async ({ db, clock }) => {
        await tenantOrFail(db, options.tenant);
        return createTenantKey(db, clock, options.tenant, options.name);
      });
      const result = { id: issued.row.id, tenantId: options.tenant, name: issued.row.name, apiKey: issued.plaintext, createdAt: formatInstant(issued.row.created_at) };
      report(io, options.json === true, result, (r) => [`Tenant key ${r.id} created.`, `Tenant API key: ${r.apiKey}`, SHOWN_ONCE].join('\n'));
    });

  key
    .command('list')
    .description("list a tenant's keys, without their secrets")
    .requiredOption('--tenant <id>', 'the tenant id', uuidArgument)
    .option('--json', 'print one JSON object')
    .action(async (options: { tenant: string } & JsonOption) => {
      const keys = await withDatabase(io, async ({ db }) => {
        await tenantOrFail(db, options.tenant);
        return listKeys(db, { tenantId: options.tenant, organizationId: null });
      });
      report(io, options.json === true, { apiKeys: keys.map(presentApiKey) }, (r) => apiKeyTable(r.apiKeys));
    });

  key
    .command('revoke')
    .description('revoke a tenant key; it stops working at once')
    .argument('<keyId>', 'the key id', uuidArgument)
    .requiredOption('--tenant <id>', 'the tenant id', uuidArgument)
    .option('--json', 'print one JSON object')
    .action(async (keyId: string, options: { tenant: string } & JsonOption) => {
      await withDatabase(io, async ({ db, clock }) => {
        await tenantOrFail(db, options.tenant);
        await revokeKeyIn(db, clock, { tenantId: options.tenant, organizationId: null }, keyId, null).catch((error: unknown) => {
          throw error instanceof ApiError ? new CliError(`Tenant ${options.tenant} has no key ${keyId}.`) : error;
        });
      });
      report(io, options.json === true, { id: keyId, revoked: true }, (r) => `Key ${r.id} revoked.`);
    });
}

export function registerTenant(program: Command, io: CliIo): void {
  const tenant = program.command('tenant').description('manage tenants (agencies, platform customers) and their keys');

  tenant
    .command('create')
    .description('create a tenant and its first tenant API key')
    .requiredOption('--name <name>', 'the tenant name', nonEmptyText(200))
    .option('--json', 'print one JSON object')
    .action(async (options: { name: string } & JsonOption) => {
      const created = await withDatabase(io, ({ db, clock }) => createTenant(db, clock, options.name));
      report(io, options.json === true, created, (result) =>
        [`Tenant created: ${result.tenantId}`, `Tenant API key: ${result.apiKey}`, SHOWN_ONCE].join('\n'),
      );
    });

  tenant
    .command('list')
    .description('list every tenant')
    .option('--json', 'print one JSON object')
    .action(async (options: JsonOption) => {
      const tenants = await withDatabase(io, ({ db }) => listTenants(db));
      const result = {
        tenants: tenants.map((row) => ({ id: row.id, name: row.name, hasMetadataSchema: row.metadata_schema !== null, createdAt: formatInstant(row.created_at) })),
      };
      report(io, options.json === true, result, (r) =>
        table(['ID', 'NAME', 'METADATA SCHEMA', 'CREATED'], r.tenants.map((row) => [row.id, row.name, row.hasMetadataSchema ? 'yes' : 'no', row.createdAt])),
      );
    });

  registerTenantKeys(tenant, io);

  const metadataSchema = tenant.command('metadata-schema').description("the JSON Schema every organization's metadata must match");
  metadataSchema
    .command('set')
    .description('register a JSON Schema (draft 2020-12) from a file')
    .argument('<file>', 'a JSON file holding the schema')
    .requiredOption('--tenant <id>', 'the tenant id', uuidArgument)
    .option('--json', 'print one JSON object')
    .action(async (file: string, options: { tenant: string } & JsonOption) => {
      const schema = await readSchemaFile(file);
      await withDatabase(io, async ({ db, clock }) => {
        await tenantOrFail(db, options.tenant);
        await changeMetadataSchema(db, clock, options.tenant, schema);
      });
      report(io, options.json === true, { tenantId: options.tenant, metadataSchema: JSON.parse(schema) as unknown }, (r) => `Metadata schema set for tenant ${r.tenantId}.`);
    });
  metadataSchema
    .command('clear')
    .description('remove the schema, so any JSON object is accepted')
    .requiredOption('--tenant <id>', 'the tenant id', uuidArgument)
    .option('--json', 'print one JSON object')
    .action(async (options: { tenant: string } & JsonOption) => {
      await withDatabase(io, async ({ db, clock }) => {
        await tenantOrFail(db, options.tenant);
        await changeMetadataSchema(db, clock, options.tenant, null);
      });
      report(io, options.json === true, { tenantId: options.tenant, metadataSchema: null }, (r) => `Metadata schema cleared for tenant ${r.tenantId}.`);
    });
}
