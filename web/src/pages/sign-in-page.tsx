import { useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.js';
import { usePageTitle } from '../page-title.js';
import { useSessionState } from '../session/session.js';

/** Only addresses of this dashboard are followed after signing in. */
const safeNext = (next: string | null) => (next !== null && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export function SignInPage() {
  usePageTitle('Sign in');
  const { session, notice, signIn } = useSessionState();
  const [params] = useSearchParams();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  if (session) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(key.trim());
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.status === 401
          ? 'That key was not accepted. Check that you copied all of it, and that it has not been revoked.'
          : failure instanceof ApiError
            ? failure.message
            : 'The server could not be reached. Try again.',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <h1>callbase</h1>
      <p>Sign in with an API key: a tenant key to see every organization of your agency, or an organization key for one clinic.</p>
      {notice !== undefined && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={submit} className="card">
        <div className="field">
          <label htmlFor="api-key">API key</label>
          <input
            id="api-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            required
            value={key}
            onChange={(event) => setKey(event.target.value)}
            aria-describedby="api-key-help"
            aria-invalid={error !== undefined}
          />
          <p id="api-key-help" className="help">
            The key is kept in this browser tab only, and forgotten when you close it or sign out.
          </p>
        </div>
        {error !== undefined && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || key.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
