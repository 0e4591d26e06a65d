import { useState } from 'react';
import type { ApiKey, ApiKeyList, CreatedApiKey } from '../../api/types.js';
import { useResource } from '../../api/use-resource.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { ErrorMessage, Loading } from '../../components/status.js';
import { usePageTitle } from '../../page-title.js';
import { useOrganization } from '../../session/organization.js';
import { useSession } from '../../session/session.js';
import { formatDateTime } from '../../time.js';
import { NewKeyDialog } from './new-key-dialog.js';

/** The API allows this many active keys per organization. */
const MAX_ACTIVE_KEYS = 5;

export function ApiKeysPage() {
  const organization = useOrganization();
  usePageTitle('API keys', organization.name);
  const { api, me } = useSession();
  const keys = useResource((signal) => api.get<ApiKeyList>('/api/api-keys', { organizationId: organization.id }, signal), organization.id);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey>();
  const tz = organization.timezone;
  const active = keys.data?.apiKeys.filter((key) => key.revokedAt === null).length ?? 0;

  const create = async (name: string) => {
    const created = await api.post<CreatedApiKey>('/api/api-keys', { organizationId: organization.id, name });
    keys.reload();
    return created;
  };

  const revoke = async () => {
    await api.delete(`/api/api-keys/${revoking!.id}`);
    keys.reload();
  };

  return (
    <main id="main">
      <div className="page-heading">
        <h1>API keys</h1>
        <p className="secondary-text">
          Organization keys of {organization.name}: each reaches this organization's calls only. At most {MAX_ACTIVE_KEYS} may be active at once.
          {me.kind === 'tenant' && ' Tenant keys are managed by your operator with the callbase command.'}
        </p>
      </div>
      <p>
        <button type="button" onClick={() => setCreating(true)} disabled={active >= MAX_ACTIVE_KEYS}>
          Create an API key
        </button>
        {active >= MAX_ACTIVE_KEYS && <span className="help"> Revoke a key to create another.</span>}
      </p>
      {keys.state === 'failed' && <ErrorMessage error={keys.error} />}
      {keys.data === undefined ? (
        <Loading label="Loading keys…" />
      ) : keys.data.apiKeys.length === 0 ? (
        <p className="empty" role="status">
          This organization has no API keys yet.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden">API keys, times in {tz}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.apiKeys.map((key) => (
                <tr key={key.id}>
                  <td data-label="Name">{key.name}</td>
                  <td data-label="Key" className="monospace">{key.keyHint}</td>
                  <td data-label="Created">{formatDateTime(key.createdAt, tz)}</td>
                  <td data-label="Last used">{key.lastUsedAt === null ? 'Never' : formatDateTime(key.lastUsedAt, tz)}</td>
                  <td data-label="Status">{key.revokedAt === null ? 'Active' : `Revoked ${formatDateTime(key.revokedAt, tz)}`}</td>
                  <td data-label="Actions">
                    {key.revokedAt === null && (
                      <button type="button" className="danger" onClick={() => setRevoking(key)} aria-label={`Revoke ${key.name}`}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewKeyDialog open={creating} create={create} onClose={() => setCreating(false)} />
      <ConfirmDialog
        open={revoking !== undefined}
        title="Revoke this API key?"
        confirmLabel="Revoke key"
        onConfirm={revoke}
        onClose={() => setRevoking(undefined)}
      >
        <p>
          “{revoking?.name}” ({revoking?.keyHint}) stops working at once. Anything that still uses it will be refused. This cannot be undone.
          {revoking?.id === me.key.id && ' It is the key you are signed in with: you will be signed out.'}
        </p>
      </ConfirmDialog>
    </main>
  );
}
