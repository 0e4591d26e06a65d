import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiClient, ApiError, describeKey } from '../api/client.js';
import type { Me } from '../api/types.js';

/** The key lives in this tab's session storage only: closing the tab signs out. */
const STORAGE_KEY = 'callbase.apiKey';

export interface Session {
  me: Me;
  api: ApiClient;
}

interface SessionState {
  /** Undefined while a stored key is being checked. */
  session: Session | null | undefined;
  /** Why the last session ended without the user asking, shown on the sign-in page. */
  notice: string | undefined;
  /** The user signed out: the page they left is not where the next key should land. */
  signedOut: boolean;
  signIn(key: string): Promise<void>;
  signOut(notice?: string): void;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>();
  const [signedOut, setSignedOut] = useState(false);

  const signOut = useCallback((reason?: string) => {
    sessionStorage.removeItem(STORAGE_KEY);
    setNotice(reason);
    setSignedOut(reason === undefined);
    setSession(null);
  }, []);

  const open = useCallback(async (key: string) => {
    const me = await describeKey(key);
    const api = new ApiClient(key);
    api.onUnauthorized(() => signOut('Your API key is no longer accepted. Sign in with a valid key.'));
    sessionStorage.setItem(STORAGE_KEY, key);
    setNotice(undefined);
    setSignedOut(false);
    setSession({ me, api });
  }, [signOut]);

  useEffect(() => {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    if (stored === null) {
      setSession(null);
      return;
    }
    open(stored).catch((error: unknown) => {
      signOut(error instanceof ApiError && error.status === 401 ? 'Your API key is no longer accepted. Sign in with a valid key.' : undefined);
    });
  }, [open, signOut]);

  const value = useMemo(() => ({ session, notice, signedOut, signIn: open, signOut }), [session, notice, signedOut, open, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionState(): SessionState {
  const state = useContext(SessionContext);
  if (state === undefined) throw new Error('useSessionState must be used inside SessionProvider');
  return state;
}

/** The signed-in session; only pages behind the sign-in guard call it. */
export function useSession(): Session {
  const { session } = useSessionState();
  if (session === null || session === undefined) throw new Error('useSession needs a signed-in session');
  return session;
}
