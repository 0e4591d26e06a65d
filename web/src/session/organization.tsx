import { createContext, useContext, type ReactNode } from 'react';
import type { OrganizationRef } from '../api/types.js';

const OrganizationContext = createContext<OrganizationRef | undefined>(undefined);

export function OrganizationProvider({ organization, children }: { organization: OrganizationRef; children: ReactNode }) {
  return <OrganizationContext.Provider value={organization}>{children}</OrganizationContext.Provider>;
}

/** The organization whose calls the page shows, with the time zone its days and times are read in. */
export function useOrganization(): OrganizationRef {
  const organization = useContext(OrganizationContext);
  if (organization === undefined) throw new Error('useOrganization must be used inside an organization page');
  return organization;
}
