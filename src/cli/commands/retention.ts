import type { Command } from 'commander';
import { RecordingStores } from '../../recordings/recording-stores.js';
import { applyRetention, type RetentionOutcome } from '../../retention/retention.service.js';
import { uuidArgument } from '../arguments.js';
import type { CliIo } from '../cli-io.js';
import { report, withDatabase } from '../command-context.js';
import { counted, table } from '../format.js';
import { organizationOrFail } from '../lookups.js';

function describe(outcome: RetentionOutcome): string {
  const rows = outcome.organizations.map((o) => [o.organizationId, String(o.removed), o.startedBefore]);
  return [
    `Deleted ${counted(outcome.removed, 'call')} past their organization's retention; removed ${outcome.garbageRemoved} unreferenced recording files or chunks.`,
    ...(rows.length === 0 ? [] : [table(['ORGANIZATION', 'DELETED', 'STARTED BEFORE'], rows)]),
  ].join('\n');
}

export function registerRetention(program: Command, io: CliIo): void {
  const retention = program.command('retention').description("delete calls older than their organization's retention");

  retention
    .command('run')
    .description('delete, now, every call that started longer ago than its organization keeps calls (what the server sweeps on its own)')
    .option('--org <id>', 'only this organization', uuidArgument)
    .option('--json', 'print one JSON object')
    .action(async (options: { org?: string; json?: boolean }) => {
      const outcome = await withDatabase(io, async ({ db, clock, config }) => {
        if (options.org !== undefined) await organizationOrFail(db, options.org);
        return applyRetention(db, clock, new RecordingStores(db, clock, config.recordings), { organizationId: options.org });
      });
      report(io, options.json === true, outcome, describe);
    });
}
