import fs from 'node:fs';
import { once } from 'node:events';
import { Option, type Command } from 'commander';
import { callSorts, callTypes, exportCallsQuery, exportFormats, listCallsQuery } from '../../calls/calls.schemas.js';
import type { Call, ExportCallsParams, ListCallsParams, ListCallsResponse } from '../../client/index.js';
import { apiClient, asCliError, withServerOptions, type ServerOptions } from '../api-client.js';
import { parseOptions, uuidArgument } from '../arguments.js';
import { CliError, type CliIo } from '../cli-io.js';
import { report } from '../command-context.js';
import { exportProgress, RecordCounter } from '../export-progress.js';
import { counted, table } from '../format.js';

interface FilterOptions extends ServerOptions {
  org: string;
  callType?: ListCallsParams['callType'];
  agentName?: string;
  from?: string;
  to?: string;
  userPrimaryIntent?: string;
  q?: string;
  sort?: ListCallsParams['sort'];
  json?: boolean;
}

/** List Calls' filters as flags, named after the API's parameters. */
function withFilterOptions(command: Command): Command {
  return withServerOptions(command)
    .requiredOption('--org <id>', 'the organization', uuidArgument)
    .addOption(new Option('--call-type <type>', 'only calls of this type').choices(callTypes))
    .option('--agent-name <text>', "only agents whose name contains this, ignoring case")
    .option('--from <date-time>', 'only calls started at or after this (ISO 8601 with a zone, such as 2025-05-01T00:00:00Z)')
    .option('--to <date-time>', 'only calls started at or before this')
    .option('--user-primary-intent <intent>', 'only calls with this intent, ignoring case')
    .option('--q <words>', 'only calls whose transcript or summary holds every word (as the start of a word), ignoring case and accents')
    .addOption(new Option('--sort <order>', 'the order (default: desc, newest first)').choices(callSorts))
    .option('--json', 'print one JSON object');
}

/** The API's query from the flags, in the API's own names, for its schema to check before anything leaves the machine. */
function filtersFrom(options: FilterOptions) {
  return {
    organizationId: options.org,
    callType: options.callType,
    agentName: options.agentName,
    from: options.from,
    to: options.to,
    userPrimaryIntent: options.userPrimaryIntent,
    q: options.q,
    sort: options.sort,
  };
}

function describePage(page: ListCallsResponse): string {
  const rows = page.calls.map((call) => [call.id, call.callStartedAt, call.callType, call.agentName, `${call.callDurationSeconds ?? '-'}s`, call.userPhoneNumber]);
  const { pagination } = page;
  return [table(['ID', 'STARTED', 'TYPE', 'AGENT', 'DURATION', 'CALLER'], rows), `page ${pagination.page} of ${pagination.totalPages}, ${pagination.total} in all`].join('\n');
}

function describeCall(call: Call): string {
  const width = Math.max(...Object.keys(call).map((key) => key.length));
  return Object.entries(call)
    .map(([key, value]) => `${`${key}:`.padEnd(width + 2)}${value ?? '-'}`)
    .join('\n');
}

/** Writes the export's bytes where they go, waiting whenever the reader is slower than the server. */
async function writeAll(chunks: AsyncIterable<Uint8Array>, destination: NodeJS.WritableStream | undefined, io: CliIo, onChunk: (chunk: Uint8Array) => void) {
  const decoder = new TextDecoder();
  for await (const chunk of chunks) {
    onChunk(chunk);
    if (destination === undefined) io.out(decoder.decode(chunk, { stream: true }));
    else if (!destination.write(chunk)) await once(destination, 'drain');
  }
}

function registerExport(calls: Command, io: CliIo): void {
  withFilterOptions(calls.command('export'))
    .description('export every matching call as CSV or NDJSON, to stdout or a file, with a progress bar on stderr')
    .addOption(new Option('--format <format>', 'csv or ndjson').choices(exportFormats).default('csv'))
    .option('--output <file>', 'write the export here instead of stdout')
    .action(async (options: FilterOptions & { format: NonNullable<ExportCallsParams['format']>; output?: string }) => {
      if (options.json === true && options.output === undefined) throw new CliError('--json needs --output: without it the export itself goes to stdout.', 2);
      const query: ExportCallsParams = { ...filtersFrom(options), format: options.format };
      parseOptions(exportCallsQuery, query);
      const exported = await apiClient(io, options).calls.export(query).catch(asCliError);
      const file = options.output === undefined ? undefined : fs.createWriteStream(options.output);
      const counter = new RecordCounter(options.format);
      const progress = exportProgress(io.progressStream, exported.total);
      try {
        await writeAll(exported.body, file ?? io.stdout, io, (chunk) => {
          counter.add(chunk);
          progress.update(counter.records);
        });
      } catch (error) {
        throw new CliError(`The export broke off after ${counter.records} of ${exported.total} calls: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        progress.stop();
        if (file !== undefined) {
          file.end();
          await once(file, 'close');
        }
      }
      const result = { format: options.format, calls: counter.records, output: options.output ?? null };
      if (options.output === undefined) io.err(`Exported ${counted(result.calls, 'call')}.\n`);
      else report(io, options.json === true, result, (r) => `Exported ${counted(r.calls, 'call')} to ${r.output}.`);
    });
}

export function registerCalls(program: Command, io: CliIo): void {
  const calls = program.command('calls').description("read an organization's calls from a running server, through its API");

  withFilterOptions(calls.command('list'))
    .description('one page of List Calls, as a table')
    .option('--page <n>', 'page number', '1')
    .option('--limit <n>', 'calls per page (at most 20)', '20')
    .action(async (options: FilterOptions & { page: string; limit: string }) => {
      const { page: pageNumber, limit } = parseOptions(listCallsQuery, { ...filtersFrom(options), page: options.page, limit: options.limit });
      const page = await apiClient(io, options).calls.list({ ...filtersFrom(options), page: pageNumber, limit }).catch(asCliError);
      report(io, options.json === true, page, describePage);
    });

  withServerOptions(calls.command('get'))
    .description('one call with every detail')
    .argument('<id>', 'the call id', uuidArgument)
    .option('--org <id>', 'look in this organization only', uuidArgument)
    .option('--json', 'print one JSON object')
    .action(async (id: string, options: ServerOptions & { org?: string; json?: boolean }) => {
      const call = await apiClient(io, options).calls.get(id, { organizationId: options.org }).catch(asCliError);
      report(io, options.json === true, call, describeCall);
    });

  registerExport(calls, io);
}
