import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../../../../src/organizations/retention-limits.js';

/** How long calls are kept, as the organizations' list shows it. */
export function keptFor(days: number | null): string {
  if (days === null) return 'Forever';
  return `${days.toLocaleString('en-US')} ${days === 1 ? 'day' : 'days'}`;
}

interface RetentionFieldProps {
  value: string;
  /** What the organization keeps now; null for a new organization or one that keeps calls forever. */
  stored: number | null;
  /** The API's objection to the value sent, if any. */
  problem: string | undefined;
  onChange(value: string): void;
}

/**
 * How long the organization keeps its calls. Shortening it deletes calls at the next hourly sweep,
 * so the field says how many days of calls are about to go before the change is saved.
 */
export function RetentionField({ value, stored, problem, onChange }: RetentionFieldProps) {
  const days = value.trim() === '' ? null : Number(value);
  const shortening = days !== null && Number.isInteger(days) && days >= MIN_RETENTION_DAYS && (stored === null || days < stored);
  const describedBy = ['organization-retentionDays-hint', shortening ? 'organization-retentionDays-warning' : '', problem === undefined ? '' : 'organization-retentionDays-error']
    .filter((id) => id !== '')
    .join(' ');
  return (
    <div className="field">
      <label htmlFor="organization-retentionDays">Keep calls for (days)</label>
      <input
        id="organization-retentionDays"
        type="number"
        inputMode="numeric"
        placeholder="Forever"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={problem !== undefined}
        aria-describedby={describedBy}
      />
      <p id="organization-retentionDays-hint" className="field-hint">
        {MIN_RETENTION_DAYS} to {MAX_RETENTION_DAYS.toLocaleString('en-US')} days after a call started; empty keeps calls forever.
      </p>
      {shortening && (
        <p id="organization-retentionDays-warning" className="field-warning">
          Calls that started more than {days} days ago will be deleted within the hour, with their transcripts and recordings.
        </p>
      )}
      {problem !== undefined && (
        <p id="organization-retentionDays-error" className="field-error">
          {problem}
        </p>
      )}
    </div>
  );
}
