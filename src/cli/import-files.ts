import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { ImportRecord } from '../calls/call-import.js';

export const importFormats = ['ndjson', 'csv'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** The format a file's name implies: `.csv` is CSV, anything else is read as NDJSON. */
export function formatOfFile(file: string): ImportFormat {
  return path.extname(file).toLowerCase() === '.csv' ? 'csv' : 'ndjson';
}

/** One JSON object per line; blank lines are passed over, and a line that is not an object is reported. */
async function* ndjsonRecords(input: Readable): AsyncGenerator<ImportRecord> {
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line += 1;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield { line, unreadable: 'Not valid JSON' };
      continue;
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) yield { line, value };
    else yield { line, unreadable: 'Expected a JSON object' };
  }
}

/**
 * A header row naming the POST body's fields, then one call per row. An empty cell is an absent
 * field; the transcript, if any, is plain text. A row whose cells do not match the header is reported.
 */
async function* csvRecords(input: Readable): AsyncGenerator<ImportRecord> {
  const skipped: ImportRecord[] = [];
  const parser = input.pipe(
    parse({
      columns: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error !== undefined) skipped.push({ line: Number(error.lines), unreadable: error.message });
      },
    }),
  );
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    yield* skipped.splice(0);
    const value = Object.fromEntries(Object.entries(record).filter(([, cell]) => cell !== ''));
    yield { line: info.lines, value };
  }
  yield* skipped.splice(0);
}

export function readRecords(input: Readable, format: ImportFormat): AsyncGenerator<ImportRecord> {
  return format === 'csv' ? csvRecords(input) : ndjsonRecords(input);
}
