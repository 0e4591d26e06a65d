import { useState, type FormEvent } from 'react';
import { callTypes, type CallSort } from '../../../../src/calls/call-vocabulary.js';
import { DateRangePicker } from '../../components/date-range-picker.js';
import { useOrganization } from '../../session/organization.js';
import { todayIn } from '../../time.js';
import { MAX_SEARCH_LENGTH, PAGE_SIZES, type CallListView } from './call-query.js';

const SORT_LABELS: Record<CallSort, string> = {
  desc: 'Newest first',
  asc: 'Oldest first',
  duration_desc: 'Longest first',
  duration_asc: 'Shortest first',
};

/**
 * The search and every filter of List Calls, which combine. Choices from a list apply at once;
 * typed text applies with Enter or the Apply button, so the list does not reload at every keystroke.
 */
export function CallFiltersForm({ view, onChange }: { view: CallListView; onChange(view: CallListView): void }) {
  const { timezone } = useOrganization();
  const [search, setSearch] = useState(view.q ?? '');
  const [agentName, setAgentName] = useState(view.agentName ?? '');
  const [intent, setIntent] = useState(view.userPrimaryIntent ?? '');

  const apply = (changes: Partial<CallListView>) =>
    onChange({
      ...view,
      q: search.trim() || undefined,
      agentName: agentName.trim() || undefined,
      userPrimaryIntent: intent.trim() || undefined,
      page: 1,
      ...changes,
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply({});
  };

  const clear = () => {
    setSearch('');
    setAgentName('');
    setIntent('');
    onChange({ sort: view.sort, limit: view.limit, page: 1 });
  };

  return (
    <form className="filters" role="search" onSubmit={submit} aria-label="Search and filter calls">
      <div className="field search-field">
        <label htmlFor="filter-q">Search transcripts and summaries</label>
        <input
          id="filter-q"
          type="search"
          value={search}
          maxLength={MAX_SEARCH_LENGTH}
          onChange={(event) => setSearch(event.target.value)}
          placeholder="Words said on the call"
          aria-describedby="filter-q-hint"
        />
        <p id="filter-q-hint" className="field-hint">
          Finds calls holding every word, as the start of a word: “clean tues” finds “cleaning on Tuesday”.
        </p>
      </div>
      <div className="field">
        <label htmlFor="filter-type">Type</label>
        <select id="filter-type" value={view.callType ?? ''} onChange={(event) => apply({ callType: (event.target.value || undefined) as CallListView['callType'] })}>
          <option value="">All types</option>
          {callTypes.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-agent">Agent</label>
        <input id="filter-agent" type="search" value={agentName} onChange={(event) => setAgentName(event.target.value)} placeholder="Part of name" />
      </div>
      <div className="field">
        <label htmlFor="filter-intent">Intent</label>
        <input id="filter-intent" type="search" value={intent} onChange={(event) => setIntent(event.target.value)} placeholder="Whole intent" />
      </div>
      <DateRangePicker label="Dates" value={{ from: view.from, to: view.to }} today={todayIn(timezone)} onChange={(range) => apply({ from: range.from, to: range.to })} />
      <div className="field">
        <label htmlFor="filter-sort">Sort</label>
        <select id="filter-sort" value={view.sort} onChange={(event) => apply({ sort: event.target.value as CallSort })}>
          {Object.entries(SORT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-limit">Per page</label>
        <select id="filter-limit" value={view.limit} onChange={(event) => apply({ limit: Number(event.target.value) })}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-actions">
        <button type="submit">Apply</button>
        <button type="button" className="secondary" onClick={clear}>
          Clear all
        </button>
      </div>
    </form>
  );
}
