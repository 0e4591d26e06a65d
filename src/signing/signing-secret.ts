import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database.js';

const SETTING = 'signing_secret';

/**
 * The configured secret, or one generated on first start and kept in the database, so signed links
 * survive restarts and every instance sharing the database signs alike.
 */
export async function resolveSigningSecret(db: Database, configured: string | undefined): Promise<string> {
  if (configured !== undefined) return configured;
  await db
    .insertInto('settings')
    .values({ name: SETTING, value: randomBytes(32).toString('hex') })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const { value } = await db.selectFrom('settings').select('value').where('name', '=', SETTING).executeTakeFirstOrThrow();
  return value;
}
