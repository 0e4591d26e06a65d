import { Link, useLocation } from 'react-router';
import type { CallList } from '../api/types.js';

type PageInfo = CallList['pagination'];

/** Where the page links go: the current address with another page number. */
function pageLink(search: string, page: number): string {
  const params = new URLSearchParams(search);
  if (page <= 1) params.delete('page');
  else params.set('page', String(page));
  const text = params.toString();
  return text === '' ? '?' : `?${text}`;
}

export function Pagination({ pagination, noun }: { pagination: PageInfo; noun: string }) {
  const { search } = useLocation();
  const { page, limit, total, totalPages, hasNextPage, hasPreviousPage } = pagination;
  const first = total === 0 ? 0 : Math.min((page - 1) * limit + 1, total);
  const last = Math.min(page * limit, total);
  return (
    <nav className="pagination" aria-label="Pages">
      <p aria-live="polite">
        {first > last ? `No ${noun} on page ${page}` : `Showing ${first}–${last} of ${total} ${noun}`}
      </p>
      <div className="pagination-links">
        {hasPreviousPage ? (
          <Link to={pageLink(search, Math.min(page - 1, Math.max(totalPages, 1)))} rel="prev">
            Previous
          </Link>
        ) : (
          <span aria-disabled="true">Previous</span>
        )}
        <span>
          Page {page} of {Math.max(totalPages, 1)}
        </span>
        {hasNextPage ? (
          <Link to={pageLink(search, page + 1)} rel="next">
            Next
          </Link>
        ) : (
          <span aria-disabled="true">Next</span>
        )}
      </div>
    </nav>
  );
}
