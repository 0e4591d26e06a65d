import type { Database } from '../db/database.js';
import {
  axes,
  counterKey,
  DEFAULT_REFINE_ABOVE,
  dimensionsOf,
  type Axis,
  type CountDimensions,
  type CountedCall,
  type Level,
} from './call-count-keys.js';
import { addToCounts, addToHeads, deleteCountsOf, deleteEmptyCounts, markRefined, type CountDelta } from './call-counts.repository.js';
import { countedCallsBetween, countedCallsOf } from './calls.repository.js';

/** A call stored (+1) or removed (-1) in the transaction whose counters are being kept. */
export interface CountChange {
  call: CountedCall;
  delta: 1 | -1;
}

const HEAD: CountDimensions = { mask: 0, call_type: '', agent_id: '', intent_key: '' };

/** Counter changes summed by row, so each row is written once per transaction. */
class Tally {
  private readonly rows = new Map<string, CountDelta>();

  add(dimensions: CountDimensions, level: Level, bucket: number, delta: number): void {
    const key = counterKey(dimensions, level, bucket);
    const row = this.rows.get(key);
    if (row === undefined) this.rows.set(key, { ...dimensions, level, bucket, delta });
    else row.delta += delta;
  }

  addCall(call: CountedCall, level: Level, bucket: number, delta: number, withHead: boolean): void {
    for (const dimensions of dimensionsOf(call)) {
      if (withHead || dimensions.mask !== 0) this.add(dimensions, level, bucket, delta);
    }
  }

  /** In key order: one global order of row locks for every writer. */
  sorted(): CountDelta[] {
    return [...this.rows.values()].sort(compareKeys);
  }
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareKeys(a: CountDelta, b: CountDelta): number {
  return (
    a.mask - b.mask ||
    compareText(a.call_type, b.call_type) ||
    compareText(a.agent_id, b.agent_id) ||
    compareText(a.intent_key, b.intent_key) ||
    a.level - b.level ||
    a.bucket - b.bucket
  );
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
  for (const call of calls) tally.addCall(call, axis.fine, axis.fineBucket(axis.valueOf(call)), 1, true);
  await addToCounts(db, organizationId, tally.sorted());
  await markRefined(db, organizationId, axis.coarse, bucket);
}

/**
 * Keeps every counter exact for calls stored or removed in the transaction `db` runs in. Call it
 * in that same transaction, after the calls themselves were inserted or deleted.
 *
 * First the head of each coarse bucket touched (mask 0), in key order: that serializes writers per
 * bucket and tells whether the bucket is also counted finely. A bucket that grows past
 * `refineAbove` is split now. Then every other row, in key order.
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
  const finelyCounted = new Set<string>();
  const splitNow: Array<{ axis: Axis; bucket: number }> = [];
  for (const head of await addToHeads(db, organizationId, heads.sorted())) {
    const axis = axes.find((candidate) => candidate.coarse === head.level) as Axis;
    if (head.refined) finelyCounted.add(familyKey(head.level, head.bucket));
    else if (head.n > refineAbove) splitNow.push({ axis, bucket: head.bucket });
  }
  for (const { axis, bucket } of splitNow) await refine(db, organizationId, axis, bucket);

  const rows = new Tally();
  for (const { call, delta } of changes) {
    for (const axis of axes) {
      const value = axis.valueOf(call);
      const coarse = axis.coarseBucket(value);
      rows.addCall(call, axis.coarse, coarse, delta, false);
      if (finelyCounted.has(familyKey(axis.coarse, coarse))) rows.addCall(call, axis.fine, axis.fineBucket(value), delta, true);
    }
  }
  const changed = rows.sorted().filter((row) => row.delta !== 0);
  await addToCounts(db, organizationId, changed);
  const shrunk = [...changed, ...heads.sorted()].filter((row) => row.delta < 0);
  if (shrunk.length > 0) await deleteEmptyCounts(db, organizationId, shrunk);
}

/**
 * Recounts an organization's counters from its calls: used to build them for calls stored before
 * counters existed, and by tests as an independent check of the counters kept call by call.
 */
export async function rebuildCallCounts(db: Database, organizationId: string, refineAbove = DEFAULT_REFINE_ABOVE): Promise<void> {
  await deleteCountsOf(db, organizationId);
  const coarse = new Tally();
  const fine = new Map<string, Tally>();
  const headTotals = new Map<string, number>();
  for await (const calls of countedCallsOf(db, organizationId)) {
    for (const call of calls) {
      for (const axis of axes) {
        const value = axis.valueOf(call);
        const bucket = axis.coarseBucket(value);
        const family = familyKey(axis.coarse, bucket);
        coarse.addCall(call, axis.coarse, bucket, 1, true);
        headTotals.set(family, (headTotals.get(family) ?? 0) + 1);
        let tally = fine.get(family);
        if (tally === undefined) fine.set(family, (tally = new Tally()));
        tally.addCall(call, axis.fine, axis.fineBucket(value), 1, true);
      }
    }
  }
  await addToCounts(db, organizationId, coarse.sorted());
  for (const [family, total] of headTotals) {
    if (total <= refineAbove) continue;
    const [level, bucket] = family.split('|').map(Number) as [Level, number];
    await addToCounts(db, organizationId, (fine.get(family) as Tally).sorted());
    await markRefined(db, organizationId, level, bucket);
  }
}
