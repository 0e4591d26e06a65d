import type { Command } from 'commander';
import { createOrganization, listOrganizationsPage, setRetention } from '../../organizations/organizations.service.js';
import { createOrganizationBody, listOrganizationsQuery, timezones } from '../../organizations/organizations.schemas.js';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../../organizations/retention-limits.js';
import { integerArgument, parseOptions, uuidArgument } from '../arguments.js';
import { CliError, type CliIo } from '../cli-io.js';
import { report, withDatabase } from '../command-context.js';
import { table } from '../format.js';
import { organizationOrFail, tenantOrFail } from '../lookups.js';

const retentionDays = integerArgument(MIN_RETENTION_DAYS, MAX_RETENTION_DAYS);
const describeRetention = (days: number | null) => (days === null ? 'kept forever' : `kept ${days} days after they start`);

export function registerOrg(program: Command, io: CliIo): void {
  const org = program.command('org').description("manage a tenant's organizations (clinics, businesses)");

  org
    .command('create')
    .description('create an organization for a tenant')
    .requiredOption('--tenant <id>', 'the tenant id', uuidArgument)
    .option('--name <name>', 'organization name')
    .option('--email <email>', 'contact email')
    .option('--address <address>', 'street address')
    .option('--city <city>', 'city')
    .option('--state-province <state>', 'state or province')
    .option('--postal-code <code>', 'postal code')
    .option('--country <country>', 'country')
    .option('--phone-number <phone>', 'main phone number')
    .option('--timezone <zone>', `one of ${timezones.join(', ')}`)
    .option('--external-id <id>', 'your own id for it, unique within the tenant')
    .option('--retention-days <days>', 'delete calls this many days after they start (default: keep forever)', retentionDays)
    .option('--json', 'print one JSON object')
    .action(async (options: Record<string, string | number | boolean | undefined> & { tenant: string; json?: boolean }) => {
      const { tenant, json, ...fields } = options;
      const body = parseOptions(createOrganizationBody, fields);
      const { organization } = await withDatabase(io, async ({ db, clock }) => {
        await tenantOrFail(db, tenant);
        return createOrganization(db, clock, { tenantId: tenant, keyId: null }, body);
      });
      report(io, json === true, organization, (o) => `Organization created: ${o.id} (${o.name})`);
    });

  org
    .command('list')
    .description("list a tenant's organizations")
    .requiredOption('--tenant <id>', 'the tenant id', uuidArgument)
    .option('--search <text>', 'only names containing this text')
    .option('--page <n>', 'page number', '1')
    .option('--limit <n>', 'organizations per page (at most 100)', '100')
    .option('--json', 'print one JSON object')
    .action(async (options: { tenant: string; search?: string; page: string; limit: string; json?: boolean }) => {
      const query = parseOptions(listOrganizationsQuery, { page: options.page, limit: options.limit, search: options.search });
      const page = await withDatabase(io, async ({ db }) => {
        await tenantOrFail(db, options.tenant);
        return listOrganizationsPage(db, options.tenant, query);
      });
      report(io, options.json === true, page, (p) =>
        [
          table(['ID', 'NAME', 'EMAIL', 'TIMEZONE', 'CREATED'], p.organizations.map((o) => [o.id, o.name, o.email, o.timezone, o.createdAt])),
          `page ${p.pagination.page} of ${p.pagination.totalPages}, ${p.pagination.total} in all`,
        ].join('\n'),
      );
    });

  org
    .command('set-retention')
    .description("set how long an organization's calls are kept; `callbase retention run` or the server's sweeper deletes older ones")
    .argument('<organization-id>', 'the organization id', uuidArgument)
    .option('--days <days>', 'keep calls this many days after they start', retentionDays)
    .option('--forever', 'keep calls forever')
    .option('--json', 'print one JSON object')
    .action(async (organizationId: string, options: { days?: number; forever?: boolean; json?: boolean }) => {
      if ((options.days === undefined) === (options.forever !== true)) throw new CliError('Give exactly one of --days <days> and --forever.', 2);
      const organization = await withDatabase(io, async ({ db, clock }) => {
        const row = await organizationOrFail(db, organizationId);
        return setRetention(db, clock, { tenantId: row.tenant_id, keyId: null }, row.id, options.days ?? null);
      });
      report(io, options.json === true, organization, (o) => `Calls of ${o.name} are ${describeRetention(o.retentionDays)}.`);
    });
}
