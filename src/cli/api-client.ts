import { Option, type Command } from 'commander';
import { Callbase, CallbaseConnectionError, CallbaseError } from '../client/index.js';
import { CliError, type CliIo } from './cli-io.js';

const DEFAULT_URL = 'http://127.0.0.1:3000';

export interface ServerOptions {
  url?: string;
  key?: string;
}

/** The options every command that talks to a server takes. */
export function withServerOptions(command: Command): Command {
  return command
    .addOption(new Option('--url <url>', `the server (default: $CALLBASE_URL, or ${DEFAULT_URL})`))
    .addOption(new Option('--key <key>', 'an API key (default: $CALLBASE_API_KEY)'));
}

/** A client for the server named by the options or the environment. */
export function apiClient(io: CliIo, options: ServerOptions): Callbase {
  const url = options.url ?? io.env.CALLBASE_URL ?? DEFAULT_URL;
  const apiKey = options.key ?? io.env.CALLBASE_API_KEY;
  if (apiKey === undefined || apiKey === '') throw new CliError('No API key: give --key or set CALLBASE_API_KEY.', 2);
  if (!/^https?:\/\/[^\s/]+/.test(url)) throw new CliError(`--url must be an http:// or https:// address, not ${url}.`, 2);
  return new Callbase({ url, apiKey });
}

/** The API's refusals as operator messages: its own bad-input answers exit 2, everything else 1. */
export function asCliError(error: unknown): never {
  if (error instanceof CallbaseError) {
    const details = error.details?.map((detail) => `${detail.field}: ${detail.message}`).join('; ');
    throw new CliError(details === undefined ? `${error.error} (${error.status})` : `${error.error}: ${details}`, error.status === 400 ? 2 : 1);
  }
  if (error instanceof CallbaseConnectionError) throw new CliError(error.message);
  throw error;
}
