import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

const run = promisify(execFile);
const autocannonBin = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

export interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  headers: Record<string, string>;
  method?: 'GET' | 'POST';
  /** A body in which autocannon replaces `[<id>]` with a fresh id on every request. */
  body?: string;
}

/**
 * Drives one URL with autocannon in a process of its own, so the load generator does not share the
 * server's event loop and what is measured is the server.
 */
export async function drive(url: string, options: LoadOptions): Promise<LoadFigures> {
  const args = [autocannonBin, '--json', '-c', String(options.connections), '-d', String(options.seconds)];
  for (const [name, value] of Object.entries(options.headers)) args.push('-H', `${name}=${value}`);
  if (options.method !== undefined) args.push('-m', options.method);
  if (options.body !== undefined) args.push('-b', options.body, '-I');
  args.push(url);
  const { stdout } = await run(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  const result = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    errors: number;
    timeouts: number;
    non2xx: number;
  };
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}
