import { loadConfig, type Config } from '../config.js';
import { createDatabase, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { systemClock, type Clock } from '../shared/clock.js';
import type { CliIo } from './cli-io.js';

export interface CommandContext {
  db: Database;
  clock: Clock;
  config: Config;
}

/** Runs a command against the configured database, migrated first exactly as the server does. */
export async function withDatabase<T>(io: CliIo, run: (context: CommandContext) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  const db = createDatabase(config.database);
  try {
    await migrateToLatest(db);
    return await run({ db, clock: systemClock, config });
  } finally {
    await db.destroy();
  }
}

/** Prints a command's result: exactly one JSON object with --json, readable lines otherwise. */
export function report<T extends object>(io: CliIo, json: boolean, result: T, describe: (result: T) => string): void {
  io.out(json ? `${JSON.stringify(result)}\n` : `${describe(result)}\n`);
}
