import type { Database } from '../db/database.js';
import { dimensionsForFilter, durationAxis, timeAxis, type Axis, type FilterDimensions } from './call-count-keys.js';
import { bucketCounts, coarseCounts } from './call-counts.repository.js';
import { countCallsWithin, type CallFilter, type ColumnRange } from './call-listing.repository.js';
import type { CallSort } from './calls.schemas.js';

/** A stretch [from, to) of a sort key holding `count` matching calls. */
interface Piece {
  from: number;
  to: number;
  count: number;
  /** A coarse bucket that fine buckets count too, so it can be broken into smaller pieces. */
  divisible: boolean;
}

/**
 * Where a page lies: the stretch of the sort column that holds it, how many of the stretch's
 * matching calls come before it, and how many it takes. `fromEnd` says the stretch is best read
 * from its other end (with `skip` counted from there): the page lies nearer to it.
 */
export interface PagePlan {
  total: number;
  /** Absent when the page lies past the end. */
  seek?: { range: ColumnRange; skip: number; take: number; fromEnd: boolean };
}

const sortAxes: Record<CallSort, { axis: Axis; descending: boolean }> = {
  desc: { axis: timeAxis, descending: true },
  asc: { axis: timeAxis, descending: false },
  duration_desc: { axis: durationAxis, descending: true },
  duration_asc: { axis: durationAxis, descending: false },
};

/** The counters of one organization, seen through one filter. */
class FilteredCounts {
  private readonly dimensions: FilterDimensions;

  constructor(
    private readonly db: Database,
    private readonly organizationId: string,
    private readonly filter: CallFilter,
  ) {
    this.dimensions = dimensionsForFilter(filter);
  }

  /**
   * Pieces covering [lo, hi) in ascending order, from the counters: whole coarse buckets inside
   * the range, whole fine buckets of the crowded coarse buckets at its edges, and the partial
   * buckets at the very edges, counted from the index.
   */
  async pieces(axis: Axis, lo?: number, hi?: number): Promise<Piece[]> {
    const range = {
      from: lo === undefined ? undefined : axis.coarseBucket(lo),
      to: hi === undefined ? undefined : axis.coarseEnd(axis.coarseBucket(hi - 1)),
    };
    const coarse = await coarseCounts(this.db, this.organizationId, this.dimensions, axis.coarse, range);
    const pieces: Piece[] = [];
    const partial: ColumnRange[] = [];
    const clip = (from: number, to: number) => ({ from: lo === undefined ? from : Math.max(from, lo), to: hi === undefined ? to : Math.min(to, hi) });
    const splitEdges: Array<{ from: number; to: number }> = [];
    for (const { bucket, n, refined } of coarse) {
      if (n === 0) continue;
      const end = axis.coarseEnd(bucket);
      const inside = clip(bucket, end);
      if (inside.from === bucket && inside.to === end) pieces.push({ from: bucket, to: end, count: n, divisible: refined });
      else if (refined) splitEdges.push({ from: bucket, to: end });
      else partial.push({ column: axis.column, ...inside });
    }
    for (const fine of await bucketCounts(this.db, this.organizationId, this.dimensions, axis.fine, splitEdges)) {
      const fineEnd = axis.fineEnd(fine.bucket);
      const part = clip(fine.bucket, fineEnd);
      if (part.from === fine.bucket && part.to === fineEnd) pieces.push({ from: fine.bucket, to: fineEnd, count: fine.n, divisible: false });
      else if (part.from < part.to) partial.push({ column: axis.column, ...part });
    }
    const counts = await countCallsWithin(this.db, this.organizationId, this.filter, partial);
    partial.forEach((range, index) => pieces.push({ from: range.from as number, to: range.to as number, count: counts[index] as number, divisible: false }));
    return pieces.filter((piece) => piece.count > 0).sort((a, b) => a.from - b.from);
  }

  /** A divisible piece broken into its fine buckets, in ascending order. */
  async divide(axis: Axis, piece: Piece): Promise<Piece[]> {
    const fine = await bucketCounts(this.db, this.organizationId, this.dimensions, axis.fine, [{ from: piece.from, to: piece.to }]);
    return fine.map(({ bucket, n }) => ({ from: bucket, to: axis.fineEnd(bucket), count: n, divisible: false }));
  }
}

/** The index of the piece holding the call at `position`, counting pieces in order. */
function pieceAt(pieces: Piece[], position: number): { index: number; before: number } {
  let before = 0;
  for (let index = 0; index < pieces.length; index += 1) {
    const piece = pieces[index] as Piece;
    if (position < before + piece.count) return { index, before };
    before += piece.count;
  }
  return { index: pieces.length - 1, before: before - (pieces[pieces.length - 1]?.count ?? 0) };
}

/**
 * Narrows the page's first and last calls to pieces that are not divisible, so the index is
 * read over a short stretch only. `ordered` runs in the sort's direction.
 */
async function narrow(counts: FilteredCounts, axis: Axis, ordered: Piece[], first: number, last: number, descending: boolean) {
  let pieces = ordered;
  for (const position of [first, last]) {
    const { index } = pieceAt(pieces, position);
    const piece = pieces[index] as Piece;
    if (!piece.divisible) continue;
    const parts = await counts.divide(axis, piece);
    pieces = [...pieces.slice(0, index), ...(descending ? parts.reverse() : parts), ...pieces.slice(index + 1)];
  }
  const start = pieceAt(pieces, first);
  const end = pieceAt(pieces, last);
  const span = pieces.slice(start.index, end.index + 1);
  const take = last - first + 1;
  const skip = first - start.before;
  // The index is read from one end of the stretch up to the page: from the nearer end, that is.
  const after = span.reduce((sum, piece) => sum + piece.count, 0) - skip - take;
  return {
    range: { column: axis.column, from: Math.min(...span.map((p) => p.from)), to: Math.max(...span.map((p) => p.to)) },
    skip: Math.min(skip, after),
    take,
    fromEnd: after < skip,
  };
}

/**
 * Plans one page of List Calls: its exact total from the counters, and the short stretch of the
 * sort column that holds the page. The deepest page costs about what the first one does, since
 * only the pieces at the page's two ends are read from the index.
 *
 * A duration sort within a time range has no counters over both keys at once: its page is read
 * from the index in duration order, within the range, so its cost grows with the page number.
 */
export async function planPage(
  db: Database,
  organizationId: string,
  filter: CallFilter,
  page: { sort: CallSort; page: number; limit: number },
): Promise<PagePlan> {
  const counts = new FilteredCounts(db, organizationId, filter);
  const { axis, descending } = sortAxes[page.sort];
  const lo = filter.from;
  const hi = filter.to === undefined ? undefined : filter.to + 1;
  const ranged = lo !== undefined || hi !== undefined;
  const twoKeys = ranged && axis !== timeAxis;
  const pieces = await counts.pieces(twoKeys ? timeAxis : axis, lo, hi);
  const total = pieces.reduce((sum, piece) => sum + piece.count, 0);
  const offset = (page.page - 1) * page.limit;
  if (offset >= total) return { total };
  if (twoKeys) return { total, seek: { range: { column: axis.column }, skip: offset, take: page.limit, fromEnd: false } };
  const ordered = descending ? [...pieces].reverse() : pieces;
  const last = Math.min(offset + page.limit, total) - 1;
  return { total, seek: await narrow(counts, axis, ordered, offset, last, descending) };
}
