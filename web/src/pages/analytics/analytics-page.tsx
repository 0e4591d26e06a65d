import { useNavigate, useSearchParams } from 'react-router';
import type { CallStats } from '../../api/types.js';
import { useResource } from '../../api/use-resource.js';
import { DateRangePicker, type DayRange } from '../../components/date-range-picker.js';
import { ErrorMessage, Loading } from '../../components/status.js';
import { usePageTitle } from '../../page-title.js';
import { useOrganization } from '../../session/organization.js';
import { useSession } from '../../session/session.js';
import { addDays, formatDay, formatDuration, isDay, todayIn } from '../../time.js';
import { apiFilters } from '../calls/call-query.js';
import { CallsPerDay, Shares } from './analytics-charts.js';

/** The range shown when the address names none: the last 30 days, today included. */
const DEFAULT_DAYS = 30;

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function AgentsTable({ agents }: { agents: CallStats['agents'] }) {
  return (
    <section className="card wide" aria-labelledby="agents-heading">
      <h2 id="agents-heading">By agent</h2>
      <div className="table-wrap">
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col" className="number">Calls</th>
              <th scope="col" className="number">Average duration</th>
              <th scope="col" className="number">90th percentile</th>
              <th scope="col" className="number">Total time</th>
            </tr>
          </thead>
          <tbody>
            {agents.map((agent) => (
              <tr key={agent.agentId}>
                <th scope="row">
                  {agent.agentName ?? agent.agentId}
                  <span className="secondary-text">{agent.agentId}</span>
                </th>
                <td className="number">{agent.calls}</td>
                <td className="number">{formatDuration(agent.duration.averageSeconds)}</td>
                <td className="number">{formatDuration(agent.duration.p90Seconds)}</td>
                <td className="number">{formatDuration(agent.duration.totalSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function AnalyticsPage() {
  const organization = useOrganization();
  usePageTitle('Analytics', organization.name);
  const { api } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const today = todayIn(organization.timezone);
  const fromParam = params.get('from');
  const toParam = params.get('to');
  const to = isDay(toParam) ? toParam : today;
  const from = isDay(fromParam) && fromParam <= to ? fromParam : addDays(to, 1 - DEFAULT_DAYS);
  const query = apiFilters({ from, to }, organization.id, organization.timezone);
  const stats = useResource((signal) => api.get<CallStats>('/api/calls/stats', query, signal), JSON.stringify(query));

  const choose = (range: DayRange) => {
    if (range.from === undefined) return;
    navigate({ search: new URLSearchParams({ from: range.from, to: range.to ?? range.from }).toString() });
  };
  const data = stats.data;

  return (
    <main id="main" aria-busy={stats.state === 'loading'}>
      <div className="page-heading">
        <h1>Analytics</h1>
        <p className="secondary-text">
          {organization.name}, {formatDay(from)} to {formatDay(to)}. Days are counted in {organization.timezone}.
        </p>
      </div>
      <div className="filters">
        <DateRangePicker label="Dates" value={{ from, to }} today={today} onChange={choose} clearable={false} />
      </div>
      {stats.state === 'failed' && <ErrorMessage error={stats.error} />}
      {data === undefined ? (
        stats.state === 'loading' && <Loading label="Loading figures…" />
      ) : (
        <>
          {stats.state === 'loading' && <Loading label="Updating…" />}
          <dl className="figures">
            <Figure label="Calls" value={String(data.calls)} />
            <Figure label="Average duration" value={formatDuration(data.duration.averageSeconds)} />
            <Figure label="90th percentile duration" value={formatDuration(data.duration.p90Seconds)} />
            <Figure label="Total talk time" value={formatDuration(data.duration.totalSeconds)} />
          </dl>
          {data.calls === 0 ? (
            <p className="empty" role="status">
              No calls in this date range.
            </p>
          ) : (
            <div className="grid">
              <CallsPerDay stats={data} from={from} to={to} />
              <Shares title="Share by intent" column="Intent" none="No intent" breakdown={data.intents} />
              <Shares title="Share by sentiment" column="Sentiment" none="Not recorded" breakdown={data.sentiments} />
              <AgentsTable agents={data.agents} />
            </div>
          )}
        </>
      )}
    </main>
  );
}
