import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Loading } from './components/status.js';
import { Home, OrganizationScope, RequireSession } from './layout/guards.js';
import { Shell } from './layout/shell.js';
import { CallDetailPage } from './pages/calls/call-detail-page.js';
import { CallLogsPage } from './pages/calls/call-logs-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { OrganizationsPage } from './pages/organizations/organizations-page.js';
import { ApiKeysPage } from './pages/settings/api-keys-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { SessionProvider } from './session/session.js';

/** Charts are the heaviest part of the dashboard: they load when analytics are first opened. */
const AnalyticsPage = lazy(() => import('./pages/analytics/analytics-page.js').then((module) => ({ default: module.AnalyticsPage })));

/** Every page has an address of its own, filters included, so any view can be bookmarked or shared. */
export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route element={<RequireSession />}>
            <Route element={<Shell />}>
              <Route index element={<Home />} />
              <Route path="organizations" element={<OrganizationsPage />} />
              <Route path="o/:organizationId" element={<OrganizationScope />}>
                <Route index element={<Navigate to="calls" replace />} />
                <Route path="calls" element={<CallLogsPage />} />
                <Route path="calls/:callId" element={<CallDetailPage />} />
                <Route
                  path="analytics"
                  element={
                    <Suspense fallback={<Loading label="Loading analytics…" />}>
                      <AnalyticsPage />
                    </Suspense>
                  }
                />
                <Route path="api-keys" element={<ApiKeysPage />} />
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}
