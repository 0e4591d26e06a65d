import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { DASHBOARD_DIR } from '../../src/dashboard/dashboard.routes.js';
import { listeningApp, type ListeningApp } from '../support/listening-app.js';
import { browserUnavailable, openBrowser, type BrowserSession } from './browser.js';
import { seedDashboard } from './seed.js';

/**
 * Outside CI a machine without Chromium skips the browser tests and says why; under CI=true they
 * must run, so a missing browser fails them instead.
 */
export const skipBrowserTests = browserUnavailable() !== undefined && process.env.CI !== 'true';
if (skipBrowserTests) console.warn(`Browser tests SKIPPED: ${browserUnavailable()}.`);

export interface DashboardWorld {
  server: ListeningApp;
  /** Where the server keeps uploaded recordings, as files. */
  recordingsDir: string;
  browser: BrowserSession;
  page: Page;
  seed: Awaited<ReturnType<typeof seedDashboard>>;
}

/**
 * A real listening server on its own database and recordings folder with seeded calls, and one
 * headless Chromium tab.
 * After every test the page must have logged no error and violated no policy.
 */
export function useDashboard(): DashboardWorld {
  const world = {} as DashboardWorld;

  beforeAll(async () => {
    const missing = browserUnavailable();
    if (missing !== undefined) throw new Error(`The browser tests need Chromium: ${missing}`);
    if (!fs.existsSync(path.join(DASHBOARD_DIR, 'index.html'))) throw new Error('The dashboard is not built: run npm run build first');
    world.recordingsDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'callbase-dashboard-recordings-'));
    world.server = await listeningApp({ recordings: { storage: 'files', directory: world.recordingsDir, limitBytes: 10 * 1024 * 1024 } });
    world.seed = await seedDashboard(world.server.app, world.server.url);
    world.browser = await openBrowser();
    world.page = world.browser.page;
  }, 60_000);

  afterEach(() => {
    const problems = world.browser.problems.list.splice(0);
    expect(problems, 'console errors or policy violations').toEqual([]);
  });

  afterAll(async () => {
    await world.browser?.close();
    await world.server?.close();
    if (world.recordingsDir !== undefined) await fsp.rm(world.recordingsDir, { recursive: true, force: true });
  });

  return world;
}

export async function signIn(world: DashboardWorld, key: string): Promise<void> {
  const { page } = world;
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** The "Showing 1–10 of 25 calls" line under a table. */
export const pageSummary = (page: Page) => page.getByRole('navigation', { name: 'Pages' }).locator('p');

/** A request to the API as an integration would send it, with the tenant's key. */
export async function apiRequest(world: DashboardWorld, method: string, path: string, body?: Buffer | object, contentType = 'application/json'): Promise<Response> {
  return fetch(`${world.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${world.seed.tenant.apiKey}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
    body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
}
