import type { Kysely } from 'kysely';

/**
 * The counters as 0005 laid them out, kept here as they were then: which rows a call counts in,
 * their buckets and when a bucket is split. A later change to that layout comes with a migration of
 * its own and leaves this one as shipped.
 */

const TYPE_BIT = 1;
const AGENT_BIT = 2;
const INTENT_BIT = 4;
/** Every call counts under mask 0 (a bucket's head) and these four. */
const MASKS = [TYPE_BIT, TYPE_BIT | AGENT_BIT, TYPE_BIT | INTENT_BIT, TYPE_BIT | AGENT_BIT | INTENT_BIT];
const MONTH = 1;
const DAY = 2;
const SPAN = 3;
const SECOND = 4;
/** A coarse bucket holding more calls than this is counted in fine buckets too. */
const REFINE_ABOVE = 1024;
const DAY_MS = 86_400_000;
const SPAN_SECONDS = 64;
const CALLS_PER_READ = 10_000;
const ROWS_PER_INSERT = 1000;

interface CountedCall {
  id: string;
  call_type: string;
  agent_id: string;
  intent_key: string | null;
  started_at: number;
  duration_seconds: number;
}

interface CounterRow {
  organization_id: string;
  mask: number;
  call_type: string;
  agent_id: string;
  intent_key: string;
  level: number;
  bucket: number;
  n: number;
  refined: number;
}

const floorTo = (value: number, step: number) => value - (((value % step) + step) % step);

function monthStart(instant: number): number {
  const date = new Date(instant);
  date.setUTCDate(1);
  date.setUTCHours(0, 0, 0, 0);
  return date.getTime();
}

/** Each sort key's coarse and fine level, and the bucket a call falls in at each. */
const axes = [
  { coarse: MONTH, fine: DAY, coarseBucket: (call: CountedCall) => monthStart(Number(call.started_at)), fineBucket: (call: CountedCall) => floorTo(Number(call.started_at), DAY_MS) },
  { coarse: SPAN, fine: SECOND, coarseBucket: (call: CountedCall) => floorTo(call.duration_seconds, SPAN_SECONDS), fineBucket: (call: CountedCall) => call.duration_seconds },
];

type Dimensions = Pick<CounterRow, 'mask' | 'call_type' | 'agent_id' | 'intent_key'>;

const HEAD: Dimensions = { mask: 0, call_type: '', agent_id: '', intent_key: '' };

/** The rows a call counts in at each level: its bucket's head, and one per mask (intent masks only with an intent). */
function dimensionsOf(call: CountedCall): Dimensions[] {
  const all = [HEAD];
  for (const mask of MASKS) {
    if ((mask & INTENT_BIT) !== 0 && call.intent_key === null) continue;
    all.push({
      mask,
      call_type: call.call_type,
      agent_id: (mask & AGENT_BIT) !== 0 ? call.agent_id : '',
      intent_key: (mask & INTENT_BIT) !== 0 ? (call.intent_key as string) : '',
    });
  }
  return all;
}

/** Counter rows summed in memory by their key. */
class Tally {
  readonly rows = new Map<string, CounterRow>();

  constructor(private readonly organizationId: string) {}

  add(dimensions: Dimensions, level: number, bucket: number): void {
    const key = `${level}|${bucket}|${dimensions.mask}|${dimensions.call_type}|${dimensions.agent_id.length}:${dimensions.agent_id}${dimensions.intent_key}`;
    const row = this.rows.get(key);
    if (row === undefined) this.rows.set(key, { organization_id: this.organizationId, ...dimensions, level, bucket, n: 1, refined: 0 });
    else row.n += 1;
  }
}

async function* callsOf(db: Kysely<any>, organizationId: string): AsyncGenerator<CountedCall[]> {
  let after: string | undefined;
  for (;;) {
    let query = db
      .selectFrom('calls')
      .select(['id', 'call_type', 'agent_id', 'intent_key', 'started_at', 'duration_seconds'])
      .where('organization_id', '=', organizationId);
    if (after !== undefined) query = query.where('id', '>', after);
    const rows = (await query.orderBy('id').limit(CALLS_PER_READ).execute()) as CountedCall[];
    if (rows.length > 0) yield rows;
    if (rows.length < CALLS_PER_READ) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** Counts an organization's calls into the empty counters: every coarse bucket, and the fine buckets of crowded ones. */
export async function countCallsOf(db: Kysely<any>, organizationId: string): Promise<void> {
  const coarse = new Tally(organizationId);
  const fine = new Map<string, Tally>();
  for await (const calls of callsOf(db, organizationId)) {
    for (const call of calls) {
      const dimensions = dimensionsOf(call);
      for (const axis of axes) {
        const bucket = axis.coarseBucket(call);
        const family = `${axis.coarse}|${bucket}`;
        let tally = fine.get(family);
        if (tally === undefined) fine.set(family, (tally = new Tally(organizationId)));
        for (const each of dimensions) {
          coarse.add(each, axis.coarse, bucket);
          tally.add(each, axis.fine, axis.fineBucket(call));
        }
      }
    }
  }
  const rows: CounterRow[] = [];
  for (const row of coarse.rows.values()) {
    const refined = row.mask === 0 && row.n > REFINE_ABOVE;
    rows.push(refined ? { ...row, refined: 1 } : row);
    if (refined) rows.push(...fine.get(`${row.level}|${row.bucket}`)!.rows.values());
  }
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    await db.insertInto('call_counts').values(rows.slice(start, start + ROWS_PER_INSERT)).execute();
  }
}
