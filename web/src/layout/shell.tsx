import { NavLink, Outlet, useLocation, useMatch, useNavigate } from 'react-router';
import { useOrganizationsDirectory } from '../session/organizations-directory.js';
import { useSession, useSessionState } from '../session/session.js';

/** The section of an organization's pages the user is in, kept when switching organizations. */
function sectionOf(pathname: string): string {
  const section = /^\/o\/[^/]+\/([^/]+)/.exec(pathname)?.[1];
  return section === 'analytics' || section === 'api-keys' ? section : 'calls';
}

function OrganizationSwitcher({ current }: { current: string | undefined }) {
  const { organizations } = useOrganizationsDirectory();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (organizations.length === 0) return null;
  return (
    <div className="switcher">
      <label htmlFor="organization-switcher">Organization</label>
      <select
        id="organization-switcher"
        value={current ?? ''}
        onChange={(event) => navigate(`/o/${event.target.value}/${sectionOf(pathname)}`)}
      >
        {current === undefined && <option value="">Choose an organization</option>}
        {current !== undefined && !organizations.some((organization) => organization.id === current) && (
          <option value={current}>This organization</option>
        )}
        {organizations.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Shell() {
  const { me } = useSession();
  const { signOut } = useSessionState();
  const scoped = useMatch('/o/:organizationId/*');
  const organizationId = scoped?.params.organizationId ?? (me.kind === 'organization' ? me.organization!.id : undefined);
  const base = organizationId === undefined ? undefined : `/o/${organizationId}`;

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <div className="brand">
          <span className="logo" aria-hidden="true" />
          <span>callbase</span>
          <span className="who">{me.kind === 'tenant' ? me.tenant!.name : me.organization!.name}</span>
        </div>
        {me.kind === 'tenant' && <OrganizationSwitcher current={scoped?.params.organizationId} />}
        <nav aria-label="Main">
          <ul>
            {base !== undefined && (
              <>
                <li>
                  <NavLink to={`${base}/calls`}>Calls</NavLink>
                </li>
                <li>
                  <NavLink to={`${base}/analytics`}>Analytics</NavLink>
                </li>
                <li>
                  <NavLink to={`${base}/api-keys`}>API keys</NavLink>
                </li>
              </>
            )}
            {me.kind === 'tenant' && (
              <li>
                <NavLink to="/organizations">Organizations</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <button type="button" className="secondary sign-out" onClick={() => signOut()}>
          Sign out
        </button>
      </header>
      <Outlet />
    </>
  );
}
