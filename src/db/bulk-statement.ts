import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import { LRUCache } from 'lru-cache';
import { dialectOf, type Database } from './database.js';

/** Row counts kept per statement; imports use one full size and a few remainders. */
const SHAPES_KEPT = 64;

/**
 * A multi-row statement whose text depends only on how many rows it carries. Kysely parses and
 * compiles a thousand-row insert in more time than the database takes to run it, so each size is
 * compiled once per database and then run with the rows' values, taken in the same column order.
 * No value may be `undefined` (Kysely would write DEFAULT in its place): use null.
 */
export class BulkStatement<Row> {
  private readonly texts = new LRUCache<string, string>({ max: SHAPES_KEPT });

  constructor(
    private readonly columns: ReadonlyArray<keyof Row & string>,
    private readonly build: (db: Database, rows: Row[]) => Compilable,
  ) {}

  async execute<Result = unknown>(db: Database, rows: Row[]): Promise<QueryResult<Result>> {
    const shape = `${dialectOf(db)}:${rows.length}`;
    let text = this.texts.get(shape);
    if (text === undefined) {
      const picked = rows.map((row) => Object.fromEntries(this.columns.map((column) => [column, row[column]])) as Row);
      this.texts.set(shape, (text = this.build(db, picked).compile().sql));
    }
    const parameters: unknown[] = [];
    for (const row of rows) for (const column of this.columns) parameters.push(row[column]);
    return db.executeQuery<Result>(CompiledQuery.raw(text, parameters));
  }
}
