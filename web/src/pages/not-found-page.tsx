import { Link } from 'react-router';
import { usePageTitle } from '../page-title.js';

export function NotFoundPage({ what = 'page' }: { what?: 'page' | 'organization' | 'call' }) {
  usePageTitle('Not found');
  return (
    <main id="main">
      <h1>{what === 'page' ? 'Page not found' : what === 'organization' ? 'Organization not found' : 'Call not found'}</h1>
      <p>It does not exist, or your API key cannot reach it.</p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </main>
  );
}
