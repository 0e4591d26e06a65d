import { sql } from 'kysely';
import { dialectOf, type Database } from './database.js';

/** Runs `work` in a transaction, settling only once that transaction has committed (or failed). */
export type Transact = <T>(work: (trx: Database) => Promise<T>) => Promise<T>;

interface Unit {
  work: (trx: Database) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Most units per commit: bounds how long one waits behind the others, and one transaction's size. */
const MOST_PER_GROUP = 64;

/**
 * SQLite runs one write transaction at a time, and with `synchronous = FULL` every commit waits
 * for the disk, so concurrent small writes would queue for one flush each. Instead, writes that
 * arrive while a commit is under way are run back to back in the next transaction, each inside
 * its own savepoint, and committed with one flush. A unit that fails is rolled back to its
 * savepoint alone; every unit settles after the commit, so none is acknowledged before it is
 * durable. A unit must use only the transaction it is given.
 */
class SqliteCommitGroups {
  private queue: Unit[] = [];
  private draining = false;

  constructor(private readonly db: Database) {}

  readonly transact: Transact = <T>(work: (trx: Database) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.draining) return;
      this.draining = true;
      // Started on the next turn of the event loop, so that the writes of every request that is
      // ready by then join this group instead of each waiting for a commit of its own.
      setImmediate(() => void this.drain());
    });

  private async drain(): Promise<void> {
    while (this.queue.length > 0) await this.commit(this.queue.splice(0, MOST_PER_GROUP));
    this.draining = false;
  }

  private async commit(group: Unit[]): Promise<void> {
    const outcomes: Array<{ value: unknown } | { error: unknown }> = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const unit of group) {
          await sql`savepoint unit`.execute(trx);
          try {
            outcomes.push({ value: await unit.work(trx) });
          } catch (error) {
            await sql`rollback to savepoint unit`.execute(trx);
            outcomes.push({ error });
          }
          await sql`release savepoint unit`.execute(trx);
        }
      });
    } catch (error) {
      for (const unit of group) unit.reject(error);
      return;
    }
    group.forEach((unit, index) => {
      const outcome = outcomes[index] as { value: unknown } | { error: unknown };
      if ('error' in outcome) unit.reject(outcome.error);
      else unit.resolve(outcome.value);
    });
  }
}

/** Commits grouped on SQLite; on PostgreSQL, whose commits already share flushes, one transaction each. */
export function transactFor(db: Database): Transact {
  if (dialectOf(db) === 'sqlite') return new SqliteCommitGroups(db).transact;
  return (work) => db.transaction().execute(work);
}
