import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import type { Organization, OrganizationInput, OrganizationList } from '../../api/types.js';
import { useResource } from '../../api/use-resource.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { Modal } from '../../components/modal.js';
import { Pagination } from '../../components/pagination.js';
import { ErrorMessage, Loading } from '../../components/status.js';
import { usePageTitle } from '../../page-title.js';
import { useOrganizationsDirectory } from '../../session/organizations-directory.js';
import { useSession } from '../../session/session.js';
import { OrganizationForm } from './organization-form.js';
import { keptFor } from './retention-field.js';

const PAGE_SIZE = 20;

type Editing = { mode: 'create' } | { mode: 'edit'; organization: Organization };

export function OrganizationsPage() {
  usePageTitle('Organizations');
  const { api, me } = useSession();
  const directory = useOrganizationsDirectory();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const search = params.get('search') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [searchText, setSearchText] = useState(search);
  const [editing, setEditing] = useState<Editing>();
  const [deleting, setDeleting] = useState<Organization>();
  const query = { page, limit: PAGE_SIZE, sort: 'name', search };
  const list = useResource((signal) => api.get<OrganizationList>('/api/organization', query, signal), JSON.stringify(query));

  if (me.kind !== 'tenant') return <Navigate to="/" replace />;

  const changed = () => {
    list.reload();
    directory.refresh();
  };

  const save = async (values: OrganizationInput) => {
    if (editing?.mode === 'edit') await api.put(`/api/organization/${editing.organization.id}`, values);
    else await api.post('/api/organization', values);
    setEditing(undefined);
    changed();
  };

  const remove = async () => {
    await api.delete(`/api/organization/${deleting!.id}`);
    changed();
  };

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    navigate({ search: searchText.trim() === '' ? '' : new URLSearchParams({ search: searchText.trim() }).toString() });
  };

  return (
    <main id="main">
      <div className="page-heading">
        <h1>Organizations</h1>
        <p className="secondary-text">The clinics and businesses of {me.tenant!.name}.</p>
      </div>
      <div className="toolbar">
        <form role="search" onSubmit={submitSearch} className="inline-form">
          <label htmlFor="organization-search">Search by name</label>
          <input id="organization-search" type="search" value={searchText} onChange={(event) => setSearchText(event.target.value)} />
          <button type="submit" className="secondary">
            Search
          </button>
        </form>
        <button type="button" onClick={() => setEditing({ mode: 'create' })}>
          New organization
        </button>
      </div>
      {list.state === 'failed' && <ErrorMessage error={list.error} />}
      {list.data === undefined ? (
        <Loading label="Loading organizations…" />
      ) : list.data.organizations.length === 0 ? (
        <p className="empty" role="status">
          {search === '' ? 'No organizations yet. Create the first one to start recording calls.' : `No organization's name contains “${search}”.`}
        </p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="responsive">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">City</th>
                  <th scope="col">Time zone</th>
                  <th scope="col">Keeps calls</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.organizations.map((organization) => (
                  <tr key={organization.id}>
                    <td data-label="Name">
                      <Link to={`/o/${organization.id}/calls`}>{organization.name}</Link>
                    </td>
                    <td data-label="Email">{organization.email}</td>
                    <td data-label="City">{organization.city ?? '—'}</td>
                    <td data-label="Time zone">{organization.timezone}</td>
                    <td data-label="Keeps calls">{keptFor(organization.retentionDays)}</td>
                    <td data-label="Actions" className="row-actions">
                      <button type="button" className="secondary" onClick={() => setEditing({ mode: 'edit', organization })} aria-label={`Edit ${organization.name}`}>
                        Edit
                      </button>
                      <button type="button" className="danger" onClick={() => setDeleting(organization)} aria-label={`Delete ${organization.name}`}>
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination pagination={list.data.pagination} noun="organizations" />
        </>
      )}
      <Modal open={editing !== undefined} title={editing?.mode === 'edit' ? `Edit ${editing.organization.name}` : 'New organization'} onClose={() => setEditing(undefined)}>
        {editing !== undefined && (
          <OrganizationForm
            organization={editing.mode === 'edit' ? editing.organization : undefined}
            submitLabel={editing.mode === 'edit' ? 'Save changes' : 'Create organization'}
            save={save}
            onCancel={() => setEditing(undefined)}
          />
        )}
      </Modal>
      <ConfirmDialog open={deleting !== undefined} title="Delete this organization?" confirmLabel="Delete organization" onConfirm={remove} onClose={() => setDeleting(undefined)}>
        <p>
          “{deleting?.name}” and its calls will no longer be reachable, and its API keys stop working at once.
        </p>
      </ConfirmDialog>
    </main>
  );
}
