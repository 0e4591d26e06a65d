import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CallList } from '../../api/types.js';
import { useResource } from '../../api/use-resource.js';
import { Pagination } from '../../components/pagination.js';
import { ErrorMessage, Loading } from '../../components/status.js';
import { usePageTitle } from '../../page-title.js';
import { useOrganization } from '../../session/organization.js';
import { useSession } from '../../session/session.js';
import { zoneName } from '../../time.js';
import { isNarrowed, listQuery, listViewFrom, paramsOf, type CallListView } from './call-query.js';
import { CallFiltersForm } from './call-filters.js';
import { CallsTable } from './calls-table.js';
import { DeletedCallNotice } from './deleted-call-notice.js';

/** What an empty page says: past the last page, nothing recorded yet, nothing matching, or a search that found nothing. */
function EmptyList({ view, total }: { view: CallListView; total: number }) {
  const withFilters = isNarrowed({ ...view, q: undefined });
  let message = <p>{withFilters ? 'No calls match these filters.' : 'No calls have been recorded for this organization yet.'}</p>;
  if (total > 0) {
    message = (
      <p>
        There are {total} {isNarrowed(view) ? 'matching ' : ''}calls; this page is past the last one.{' '}
        <Link to={{ search: paramsOf({ ...view, page: 1 }).toString() }}>Go to the first page</Link>
      </p>
    );
  } else if (view.q !== undefined) {
    message = (
      <>
        <p>
          No calls mention “{view.q}”{withFilters ? ' with these filters' : ''}.
        </p>
        <p>
          <Link to={{ search: paramsOf({ ...view, q: undefined, page: 1 }).toString() }}>Clear the search</Link>
        </p>
      </>
    );
  }
  return (
    <div className="empty" role="status">
      {message}
    </div>
  );
}

export function CallLogsPage() {
  const organization = useOrganization();
  const { api } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const view = listViewFrom(params);
  usePageTitle(view.q === undefined ? 'Calls' : `Calls mentioning “${view.q}”`, organization.name);
  const query = listQuery(view, organization.id, organization.timezone);
  const calls = useResource((signal) => api.get<CallList>('/api/calls', query, signal), JSON.stringify(query));

  const show = (next: CallListView) => navigate({ search: paramsOf(next).toString() });

  return (
    <main id="main" aria-busy={calls.state === 'loading'}>
      <div className="page-heading">
        <h1>Calls</h1>
        <p className="secondary-text">
          {organization.name}. Times are in {organization.timezone} ({zoneName(organization.timezone)}).
        </p>
      </div>
      <DeletedCallNotice />
      <CallFiltersForm key={params.toString()} view={view} onChange={show} />
      {calls.state === 'failed' && <ErrorMessage error={calls.error} />}
      {calls.state === 'loading' && calls.data === undefined && <Loading label="Loading calls…" />}
      {calls.data !== undefined && (
        <>
          {calls.state === 'loading' && <Loading label="Updating…" />}
          {calls.data.calls.length === 0 ? <EmptyList view={view} total={calls.data.pagination.total} /> : <CallsTable calls={calls.data.calls} />}
          <Pagination pagination={calls.data.pagination} noun={view.q === undefined ? 'calls' : `calls mentioning “${view.q}”`} />
        </>
      )}
    </main>
  );
}
