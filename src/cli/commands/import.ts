import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { importCalls, type ImportOutcome } from '../../calls/call-import.js';
import { uuidArgument } from '../arguments.js';
import { CliError, ReportedFailure, type CliIo } from '../cli-io.js';
import { report, withDatabase } from '../command-context.js';
import { counted } from '../format.js';
import { formatOfFile, importFormats, readRecords, type ImportFormat } from '../import-files.js';
import { organizationOrFail } from '../lookups.js';
import { fileProgress } from '../progress.js';

/** Some rows were refused: the others are stored, and the exit code says the file needs a look. */
export const SOME_ROWS_REJECTED_EXIT_CODE = 3;
const REJECTIONS_SHOWN = 50;

function describe(outcome: ImportOutcome): string {
  const lines = [`Imported ${counted(outcome.imported, 'call')}; ${outcome.duplicates} already present; ${outcome.rejected.length} rejected.`];
  for (const row of outcome.rejected.slice(0, REJECTIONS_SHOWN)) {
    lines.push(`line ${row.line}: ${row.details.map((detail) => `${detail.field}: ${detail.message}`).join('; ')}`);
  }
  if (outcome.rejected.length > REJECTIONS_SHOWN) lines.push(`... and ${outcome.rejected.length - REJECTIONS_SHOWN} more rejected rows (--json lists them all).`);
  return lines.join('\n');
}

function fileSize(file: string): number {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new CliError(`${file} is not a file.`, 2);
    return stat.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}.`, 2);
  }
}

export function registerImport(program: Command, io: CliIo): void {
  program
    .command('import')
    .description("import calls from an NDJSON or CSV file of the POST /api/calls body's fields; idempotent on externalId")
    .argument('<file>', 'the file to import')
    .requiredOption('--org <id>', 'the organization that receives the calls', uuidArgument)
    .addOption(new Option('--format <format>', 'the file format (default: csv for a .csv file, ndjson otherwise)').choices(importFormats))
    .option('--json', 'print one JSON object')
    .action(async (file: string, options: { org: string; format?: ImportFormat; json?: boolean }) => {
      const totalBytes = fileSize(file);
      const outcome = await withDatabase(io, async ({ db, clock, config }) => {
        await organizationOrFail(db, options.org);
        const input = fs.createReadStream(file);
        const progress = fileProgress(io.progressStream, totalBytes);
        try {
          const records = readRecords(input, options.format ?? formatOfFile(file));
          return await importCalls(db, clock, options.org, records, (rows) => progress.update(input.bytesRead, rows), config.countSplitAbove);
        } finally {
          progress.stop();
          input.destroy();
        }
      });
      report(io, options.json === true, outcome, describe);
      if (outcome.rejected.length > 0) throw new ReportedFailure(SOME_ROWS_REJECTED_EXIT_CODE);
    });
}
