import { useState, type FormEvent } from 'react';
import { timezones } from '../../../../src/organizations/timezones.js';
import { ApiError } from '../../api/client.js';
import type { Organization, OrganizationInput } from '../../api/types.js';
import { ErrorMessage } from '../../components/status.js';
import { RetentionField } from './retention-field.js';

type Values = Record<keyof OrganizationInput, string>;

const FIELDS: Array<{ name: Exclude<keyof Values, 'timezone' | 'externalId' | 'retentionDays'>; label: string; type?: string; autoComplete: string }> = [
  { name: 'name', label: 'Name', autoComplete: 'organization' },
  { name: 'email', label: 'Email', type: 'email', autoComplete: 'email' },
  { name: 'phoneNumber', label: 'Phone number', type: 'tel', autoComplete: 'tel' },
  { name: 'address', label: 'Address', autoComplete: 'street-address' },
  { name: 'city', label: 'City', autoComplete: 'address-level2' },
  { name: 'stateProvince', label: 'State or province', autoComplete: 'address-level1' },
  { name: 'postalCode', label: 'Postal code', autoComplete: 'postal-code' },
  { name: 'country', label: 'Country', autoComplete: 'country' },
];

function valuesOf(organization: Organization | undefined): Values {
  return {
    name: organization?.name ?? '',
    email: organization?.email ?? '',
    phoneNumber: organization?.phoneNumber ?? '',
    address: organization?.address ?? '',
    city: organization?.city ?? '',
    stateProvince: organization?.stateProvince ?? '',
    postalCode: organization?.postalCode ?? '',
    country: organization?.country ?? '',
    timezone: organization?.timezone ?? 'America/New_York',
    externalId: organization?.externalId ?? '',
    retentionDays: organization?.retentionDays == null ? '' : String(organization.retentionDays),
  };
}

/**
 * An empty field keeps calls forever. Anything else goes to the API as typed, a number when it is
 * one, so the API's own rule (whole days, 1 to 36,500) is the one the user reads beside the field.
 */
function retentionDaysOf(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return Number(trimmed);
}

interface OrganizationFormProps {
  organization?: Organization;
  submitLabel: string;
  save(values: OrganizationInput): Promise<void>;
  onCancel(): void;
}

/** Every field of an organization; the API's objections are shown beside the fields they concern. */
export function OrganizationForm({ organization, submitLabel, save, onCancel }: OrganizationFormProps) {
  const [values, setValues] = useState(() => valuesOf(organization));
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const fieldError = (name: string) => (error instanceof ApiError ? error.forField(name) : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { externalId: _externalId, retentionDays, ...fields } = values;
      await save({
        ...fields,
        timezone: values.timezone as OrganizationInput['timezone'],
        retentionDays: retentionDaysOf(retentionDays),
      });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="organization-form">
      <div className="form-grid">
        {FIELDS.map((field) => {
          const problem = fieldError(field.name);
          return (
            <div className="field" key={field.name}>
              <label htmlFor={`organization-${field.name}`}>{field.label}</label>
              <input
                id={`organization-${field.name}`}
                type={field.type ?? 'text'}
                required
                autoComplete={field.autoComplete}
                value={values[field.name]}
                onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}
                aria-invalid={problem !== undefined}
                aria-describedby={problem === undefined ? undefined : `organization-${field.name}-error`}
              />
              {problem !== undefined && (
                <p id={`organization-${field.name}-error`} className="field-error">
                  {problem}
                </p>
              )}
            </div>
          );
        })}
        <div className="field">
          <label htmlFor="organization-timezone">Time zone</label>
          <select id="organization-timezone" value={values.timezone} onChange={(event) => setValues({ ...values, timezone: event.target.value })}>
            {timezones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </div>
        <RetentionField
          value={values.retentionDays}
          stored={organization?.retentionDays ?? null}
          problem={fieldError('retentionDays')}
          onChange={(retentionDays) => setValues({ ...values, retentionDays })}
        />
      </div>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
