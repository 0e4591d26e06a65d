import { useEffect } from 'react';

/** Names the tab after the page, which is also what a screen reader announces on arrival. */
export function usePageTitle(...parts: Array<string | undefined>): void {
  const title = [...parts.filter((part) => part !== undefined && part !== ''), 'callbase'].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
