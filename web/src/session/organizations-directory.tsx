import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import type { Organization, OrganizationList } from '../api/types.js';
import { useResource } from '../api/use-resource.js';
import { useSession } from './session.js';

/** How many organizations the switcher offers; the Organizations page searches and pages through all. */
export const SWITCHER_LIMIT = 100;

interface Directory {
  /** A tenant's organizations by name; empty for an organization key. */
  organizations: Organization[];
  loading: boolean;
  refresh(): void;
}

const DirectoryContext = createContext<Directory | undefined>(undefined);

export function OrganizationsDirectoryProvider({ children }: { children: ReactNode }) {
  const { me, api } = useSession();
  const tenant = me.kind === 'tenant';
  const resource = useResource(
    (signal) =>
      tenant
        ? api.get<OrganizationList>('/api/organization', { limit: SWITCHER_LIMIT, sort: 'name' }, signal)
        : Promise.resolve<OrganizationList | undefined>(undefined),
    `${me.key.id}`,
  );
  const { reload } = resource;
  const refresh = useCallback(() => reload(), [reload]);
  const value = useMemo(
    () => ({ organizations: resource.data?.organizations ?? [], loading: resource.state === 'loading', refresh }),
    [resource.data, resource.state, refresh],
  );
  return <DirectoryContext.Provider value={value}>{children}</DirectoryContext.Provider>;
}

export function useOrganizationsDirectory(): Directory {
  const directory = useContext(DirectoryContext);
  if (directory === undefined) throw new Error('useOrganizationsDirectory must be used inside its provider');
  return directory;
}

const LAST_ORGANIZATION = 'callbase.organizationId';

export const rememberOrganization = (id: string) => sessionStorage.setItem(LAST_ORGANIZATION, id);
export const lastOrganization = () => sessionStorage.getItem(LAST_ORGANIZATION);
