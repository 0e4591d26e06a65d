import { useNavigate, useSearchParams } from 'react-router';
import type { CallList } from '../../api/types.js';
import { useResource } from '../../api/use-resource.js';
import { Pagination } from '../../components/pagination.js';
import { ErrorMessage, Loading } from '../../components/status.js';
import { usePageTitle } from '../../page-title.js';
import { useOrganization } from '../../session/organization.js';
import { useSession } from '../../session/session.js';
import { zoneName } from '../../time.js';
import { apiFilters, listViewFrom, paramsOf, type CallListView } from './call-query.js';
import { CallFiltersForm } from './call-filters.js';
import { CallsTable } from './calls-table.js';

export function CallLogsPage() {
  const organization = useOrganization();
  usePageTitle('Calls', organization.name);
  const { api } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const view = listViewFrom(params);
  const query = { ...apiFilters(view, organization.id, organization.timezone), sort: view.sort, page: view.page, limit: view.limit };
  const calls = useResource((signal) => api.get<CallList>('/api/calls', query, signal), JSON.stringify(query));

  const show = (next: CallListView) => navigate({ search: paramsOf(next).toString() });
  const filtered = view.callType !== undefined || view.agentName !== undefined || view.userPrimaryIntent !== undefined || view.from !== undefined || view.to !== undefined;

  return (
    <main id="main" aria-busy={calls.state === 'loading'}>
      <div className="page-heading">
        <h1>Calls</h1>
        <p className="secondary-text">
          {organization.name}. Times are in {organization.timezone} ({zoneName(organization.timezone)}).
        </p>
      </div>
      <CallFiltersForm key={params.toString()} view={view} onChange={show} />
      {calls.state === 'failed' && <ErrorMessage error={calls.error} />}
      {calls.state === 'loading' && calls.data === undefined && <Loading label="Loading calls…" />}
      {calls.data !== undefined && (
        <>
          {calls.state === 'loading' && <Loading label="Updating…" />}
          {calls.data.calls.length === 0 ? (
            <div className="empty" role="status">
              <p>{filtered ? 'No calls match these filters.' : 'No calls have been recorded for this organization yet.'}</p>
              {calls.data.pagination.total > 0 && <p>There are {calls.data.pagination.total} calls; this page is past the last one.</p>}
            </div>
          ) : (
            <CallsTable calls={calls.data.calls} />
          )}
          <Pagination pagination={calls.data.pagination} noun="calls" />
        </>
      )}
    </main>
  );
}
