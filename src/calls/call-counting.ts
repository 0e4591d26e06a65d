import type { Database } from '../db/database.js';
import { axes, axisOfLevel, DEFAULT_REFINE_ABOVE, dimensionsOf, type Axis, type CountedCall, type KeyedDimensions, type Level } from './call-count-keys.js';
import { addToCounts, addToHeads, deleteEmptyCounts, markRefined, type CountDelta } from './call-counts.repository.js';
import { countedCallsBetween } from './calls.repository.js';

/** A call stored (+1) or removed (-1) in the transaction whose counters are being kept. */
export interface CountChange {
  call: CountedCall;
  delta: 1 | -1;
}

const HEAD: KeyedDimensions = { mask: 0, call_type: '', agent_id: '', intent_key: '', key: '0||0:' };

/**
 * Counter changes summed by row, so each row is written once per transaction. Grouped by level and
 * bucket first: a call's dimension keys are built once and reused for each of its buckets.
 */
class Tally {
  private readonly buckets = new Map<number, Map<string, CountDelta>>();

  add(dimensions: KeyedDimensions, level: Level, bucket: number, delta: number): void {
    // Levels are below 8, so this names a level and bucket uniquely.
    const slot = bucket * 8 + level;
    let rows = this.buckets.get(slot);
    if (rows === undefined) this.buckets.set(slot, (rows = new Map()));
    const row = rows.get(dimensions.key);
    if (row === undefined) {
      rows.set(dimensions.key, {
        mask: dimensions.mask,
        call_type: dimensions.call_type,
        agent_id: dimensions.agent_id,
        intent_key: dimensions.intent_key,
        level,
        bucket,
        delta,
      });
    } else row.delta += delta;
  }

  addAll(all: KeyedDimensions[], level: Level, bucket: number, delta: number): void {
    for (const dimensions of all) this.add(dimensions, level, bucket, delta);
  }

  rows(): CountDelta[] {
    const all: CountDelta[] = [];
    for (const rows of this.buckets.values()) for (const row of rows.values()) all.push(row);
    return all;
  }
}

const familyKey = (level: Level, bucket: number) => `${level}|${bucket}`;

/**
 * Splits a crowded coarse bucket: counts its calls as they stand (this transaction's included) into
 * fine buckets under every mask, then marks it. The caller holds the bucket's head, so no other
 * writer changes the bucket until this transaction ends; one that already stored a call in it and
 * waits for the head will find the bucket split and count that call finely itself.
 */
async function refine(db: Database, organizationId: string, axis: Axis, bucket: number): Promise<void> {
  const calls = await countedCallsBetween(db, organizationId, axis.column, bucket, axis.coarseEnd(bucket));
  const tally = new Tally();
  for (const call of calls) {
    const fine = axis.fineBucket(axis.valueOf(call));
    tally.add(HEAD, axis.fine, fine, 1);
    tally.addAll(dimensionsOf(call), axis.fine, fine, 1);
  }
  await addToCounts(db, organizationId, tally.rows());
  await markRefined(db, organizationId, axis.coarse, bucket);
}

/**
 * Keeps every counter exact for calls stored or removed in the transaction `db` runs in. Call it
 * in that same transaction, after the calls themselves were inserted or deleted.
 *
 * First the head of each coarse bucket touched (mask 0), in key order: that serializes writers per
 * bucket and tells whether the bucket is also counted finely. A bucket that grows past
 * `refineAbove` is split now. Then every other row of those buckets, and rows that fell to zero
 * are removed.
 */
export async function applyCountChanges(
  db: Database,
  organizationId: string,
  changes: CountChange[],
  refineAbove = DEFAULT_REFINE_ABOVE,
): Promise<void> {
  if (changes.length === 0) return;
  const heads = new Tally();
  for (const { call, delta } of changes) {
    for (const axis of axes) heads.add(HEAD, axis.coarse, axis.coarseBucket(axis.valueOf(call)), delta);
  }
  const headRows = heads.rows().sort((a, b) => a.level - b.level || a.bucket - b.bucket);
  const headStates = await addToHeads(db, organizationId, headRows);
  const growing = changes.some((change) => change.delta > 0);
  const finelyCounted = new Set<string>();
  const splitNow: Array<{ axis: Axis; bucket: number }> = [];
  for (const head of headStates) {
    if (head.refined) finelyCounted.add(familyKey(head.level, head.bucket));
    // Only growth splits a bucket: a deletion, which can only shrink it, never pays for reading its calls.
    else if (growing && head.n > refineAbove) splitNow.push({ axis: axisOfLevel(head.level), bucket: head.bucket });
  }
  for (const { axis, bucket } of splitNow) await refine(db, organizationId, axis, bucket);

  const rows = new Tally();
  for (const { call, delta } of changes) {
    const dimensions = dimensionsOf(call);
    for (const axis of axes) {
      const value = axis.valueOf(call);
      const coarse = axis.coarseBucket(value);
      rows.addAll(dimensions, axis.coarse, coarse, delta);
      if (finelyCounted.has(familyKey(axis.coarse, coarse))) {
        const fine = axis.fineBucket(value);
        rows.add(HEAD, axis.fine, fine, delta);
        rows.addAll(dimensions, axis.fine, fine, delta);
      }
    }
  }
  const emptied = await addToCounts(
    db,
    organizationId,
    rows.rows().filter((row) => row.delta !== 0),
  );
  for (const head of headStates) {
    if (head.n === 0) emptied.push({ mask: 0, call_type: '', agent_id: '', intent_key: '', level: head.level, bucket: head.bucket });
  }
  await deleteEmptyCounts(db, organizationId, emptied);
}
