import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve('test-results/screenshots');

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserUnavailable(): string | undefined {
  return fs.existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
}

/** Everything the page said went wrong: console errors, uncaught exceptions and policy violations. */
export interface Problems {
  list: string[];
  /** Console errors matching these are expected by the step that provokes them (a refused key, say). */
  expected: RegExp[];
}

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  problems: Problems;
  close(): Promise<void>;
}

/**
 * Debian's Chromium, headless, with a fresh profile, and none of its background traffic: this
 * machine's network is closed, and those requests would only fail.
 */
export async function openBrowser(): Promise<BrowserSession> {
  const profile = await fsp.mkdtemp(path.join(os.tmpdir(), 'callbase-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 860 },
    timezoneId: 'America/New_York',
    locale: 'en-US',
  });
  // Shorter than a test's own timeout, so a missing element is reported as such.
  context.setDefaultTimeout(20_000);
  const problems: Problems = { list: [], expected: [] };
  // Injected by the browser itself, not the page, so the policy under test does not apply to it.
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) =>
      console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline code')));`,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return;
    const text = `${message.type()}: ${message.text()}`;
    if (message.type() === 'error' && problems.expected.some((pattern) => pattern.test(text))) return;
    if (message.type() === 'warning' && !/Content.Security.Policy|CSP/i.test(text)) return;
    problems.list.push(text);
  });
  page.on('pageerror', (error) => problems.list.push(`uncaught: ${error.message}`));
  return {
    browser: context.browser()!,
    context,
    page,
    problems,
    close: async () => {
      await context.close();
      await fsp.rm(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await fsp.mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: options.fullPage ?? true });
}
