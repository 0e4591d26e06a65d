import { useEffect } from 'react';
import { Navigate, Outlet, useLocation, useParams } from 'react-router';
import { ApiError } from '../api/client.js';
import type { Organization } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import { ErrorMessage, Loading } from '../components/status.js';
import { NotFoundPage } from '../pages/not-found-page.js';
import { OrganizationProvider } from '../session/organization.js';
import { lastOrganization, OrganizationsDirectoryProvider, rememberOrganization, useOrganizationsDirectory } from '../session/organizations-directory.js';
import { useSession, useSessionState } from '../session/session.js';

/** Pages behind it need a key; without one the user signs in and comes back to where they were. */
export function RequireSession() {
  const { session, signedOut } = useSessionState();
  const location = useLocation();
  if (session === undefined) return <Loading label="Checking your key…" />;
  if (session === null) {
    const next = signedOut ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    return <Navigate to={`/sign-in${next}`} replace />;
  }
  return (
    <OrganizationsDirectoryProvider>
      <Outlet />
    </OrganizationsDirectoryProvider>
  );
}

/** Where a signed-in user lands: their organization, the last one they looked at, or the list to create one. */
export function Home() {
  const { me } = useSession();
  const { organizations, loading } = useOrganizationsDirectory();
  if (me.kind === 'organization') return <Navigate to={`/o/${me.organization!.id}/calls`} replace />;
  if (loading) return <Loading label="Loading organizations…" />;
  const last = lastOrganization();
  const target = organizations.find((organization) => organization.id === last) ?? organizations[0];
  return <Navigate to={target === undefined ? '/organizations' : `/o/${target.id}/calls`} replace />;
}

/** Resolves the organization in the address, for a tenant key by asking the API, and scopes the pages under it. */
export function OrganizationScope() {
  const { organizationId = '' } = useParams();
  const { me, api } = useSession();
  const resource = useResource(async (signal) => {
    if (me.kind === 'organization') {
      if (me.organization!.id !== organizationId) throw new ApiError(404, 'Organization not found');
      return me.organization!;
    }
    return api.get<Organization>(`/api/organization/${encodeURIComponent(organizationId)}`, {}, signal);
  }, organizationId);
  const resolved = resource.data?.id === organizationId ? resource.data : undefined;
  useEffect(() => {
    if (resolved !== undefined) rememberOrganization(resolved.id);
  }, [resolved]);

  if (resource.state === 'failed') {
    if (resource.error instanceof ApiError && resource.error.status === 404) return <NotFoundPage what="organization" />;
    return (
      <main id="main">
        <ErrorMessage error={resource.error} />
      </main>
    );
  }
  const organization = resolved;
  if (organization === undefined) return <Loading label="Loading organization…" />;
  return (
    <OrganizationProvider organization={{ id: organization.id, name: organization.name, timezone: organization.timezone }}>
      <Outlet />
    </OrganizationProvider>
  );
}
