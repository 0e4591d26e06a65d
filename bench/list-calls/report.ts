import type { LoadFigures } from './load.js';

export interface Row {
  name: string;
  figures: LoadFigures;
  correct: boolean | undefined;
  meetsLatency: boolean | undefined;
}

export interface RunShape {
  kind: string;
  calls: number;
  organizations: number;
  connections: number;
  seconds: number;
}

/** One table per database: throughput, latency and correctness per class, then the fixed-body floor and the ratio. */
export function printTable(run: RunShape, rows: Row[], baseline: LoadFigures): void {
  const header = ['query', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'exact', 'latency target', 'of fixed'];
  const cells = [
    header,
    ...rows.map((row) => [
      row.name,
      String(row.figures.requestsPerSecond),
      String(row.figures.p50),
      String(row.figures.p99),
      String(row.figures.errors),
      row.correct === undefined ? '' : row.correct ? 'yes' : 'NO',
      row.meetsLatency === undefined ? '' : row.meetsLatency ? 'met' : 'missed',
      (row.figures.requestsPerSecond / baseline.requestsPerSecond).toFixed(2),
    ]),
  ];
  const widths = header.map((_, column) => Math.max(...cells.map((line) => line[column]!.length)));
  console.log(
    `\n${run.kind}: ${run.calls.toLocaleString('en-US')} calls over ${run.organizations} organizations, ${run.connections} connections, ${run.seconds} s per query`,
  );
  for (const line of cells) console.log(line.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
  const ratio = rows[0]!.figures.requestsPerSecond / baseline.requestsPerSecond;
  console.log(
    `fixed List Calls body: ${baseline.requestsPerSecond} req/s, p50 ${baseline.p50} ms; default page / fixed body = ${ratio.toFixed(2)} (target >= 0.40: ${ratio >= 0.4 ? 'met' : 'missed'})`,
  );
}
