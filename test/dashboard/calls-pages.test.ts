import { describe, expect, it } from 'vitest';
import { expectAccessible } from './accessibility.js';
import { screenshot } from './browser.js';
import { pageSummary, signIn, skipBrowserTests, useDashboard } from './dashboard-world.js';
import { addDays, type SeededCall } from './seed.js';

const count = (calls: SeededCall[], keep: (call: SeededCall) => boolean) => calls.filter(keep).length;

/** Search as the README states it, written apart from the server: every word of q starts a word of the summary or transcript. */
const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const mentions = (call: SeededCall, q: string) => {
  const said = words([call.summary, ...call.turns.map((turn) => turn.text)].join(' '));
  return words(q).every((word) => said.some((spoken) => spoken.startsWith(word)));
};

describe.skipIf(skipBrowserTests)('the call pages in Chromium', { timeout: 60_000 }, () => {
  const world = useDashboard();

  it('signs in with a key, refusing a wrong one, and lands on the first clinic\'s calls', async () => {
    const { page, server, seed } = world;
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'callbase' }).waitFor();
    await screenshot(page, 'sign-in');
    await expectAccessible(page);
    world.browser.problems.expected = [/status of 401/];
    await page.getByLabel('API key').fill('cbt_NotARealKeyNotARealKeyNotARealKeyNotA');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('That key was not accepted');
    world.browser.problems.expected = [];
    await signIn(world, seed.tenant.apiKey);
    await expect.poll(() => page.url()).toBe(`${server.url}/o/${seed.clinic.id}/calls`);
    await expect.poll(() => pageSummary(page).textContent()).toBe('Showing 1–10 of 25 calls');
    expect(await page.locator('table.calls tbody tr').count()).toBe(10);
    expect(await page.getByLabel('Organization').inputValue()).toBe(seed.clinic.id);
    await screenshot(page, 'call-logs');
    await expectAccessible(page);
  });

  it('filters by type, agent, intent and dates, keeping every filter in the address', async () => {
    const { page, seed } = world;
    const { calls } = seed;
    await page.getByLabel('Type').selectOption('Outbound');
    await expect.poll(() => pageSummary(page).textContent()).toContain(`of ${count(calls, (c) => c.callType === 'Outbound')} calls`);
    expect(page.url()).toContain('callType=Outbound');

    await page.getByLabel('Agent').fill('smith');
    await page.getByLabel('Agent').press('Enter');
    const outboundSmith = count(calls, (c) => c.callType === 'Outbound' && c.agentName.includes('Smith'));
    await expect.poll(() => pageSummary(page).textContent()).toContain(`of ${outboundSmith} calls`);
    expect(page.url()).toContain('agentName=smith');

    await page.getByRole('button', { name: 'Clear all' }).click();
    await page.getByLabel('Intent').fill('REFILL');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => pageSummary(page).textContent()).toContain(`of ${count(calls, (c) => c.intent === 'Refill')} calls`);

    await page.getByRole('button', { name: 'Clear all' }).click();
    const to = seed.today;
    const from = to.slice(8) <= '03' ? `${to.slice(0, 8)}01` : addDays(to, -3);
    await page.getByRole('button', { name: /Dates/ }).click();
    await page.locator(`[data-day="${from}"] button`).click();
    if (from !== to) await page.locator(`[data-day="${to}"] button`).click();
    await screenshot(page, 'date-range-calendar');
    await expectAccessible(page);
    await page.getByRole('dialog', { name: 'Choose dates' }).getByRole('button', { name: 'Apply' }).click();
    const inRange = count(calls, (c) => c.day >= from && c.day <= to);
    await expect.poll(() => pageSummary(page).textContent()).toContain(`of ${inRange} calls`);
    expect(page.url()).toContain(`from=${from}&to=${to}`);

    await page.getByLabel('Sort').selectOption('duration_desc');
    const longest = Math.max(...calls.filter((c) => c.day >= from && c.day <= to).map((c) => c.duration));
    await expect.poll(() => page.locator('table.calls tbody tr').first().locator('td[data-label="Duration"]').textContent()).toBe(
      `${Math.floor(longest / 60)} min ${String(longest % 60).padStart(2, '0')} s`,
    );
  });

  it('searches transcripts and summaries, with the other filters, exact totals and paging', async () => {
    const { page, seed, server } = world;
    const { calls } = seed;
    await page.goto(`${server.url}/o/${seed.clinic.id}/calls`);
    const search = page.getByLabel('Search transcripts and summaries');
    await search.fill('insur');
    await search.press('Enter');
    const insured = count(calls, (c) => mentions(c, 'insur'));
    expect(insured).toBeGreaterThan(1);
    expect(insured).toBeLessThan(10);
    await expect.poll(() => pageSummary(page).textContent()).toBe(`Showing 1–${insured} of ${insured} calls mentioning “insur”`);
    expect(new URL(page.url()).searchParams.get('q')).toBe('insur');
    expect(await page.title()).toBe('Calls mentioning “insur” · Bright Smile Dental · callbase');

    await page.getByLabel('Type').selectOption('Inbound');
    const insuredInbound = count(calls, (c) => mentions(c, 'insur') && c.callType === 'Inbound');
    expect(insuredInbound).toBeGreaterThan(0);
    expect(insuredInbound).toBeLessThan(insured);
    await expect.poll(() => pageSummary(page).textContent()).toBe(`Showing 1–${insuredInbound} of ${insuredInbound} calls mentioning “insur”`);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ q: 'insur', callType: 'Inbound' });
    expect(await search.inputValue()).toBe('insur');
    await screenshot(page, 'call-search');
    await expectAccessible(page);

    await page.getByLabel('Type').selectOption('Outbound');
    expect(count(calls, (c) => mentions(c, 'insur') && c.callType === 'Outbound')).toBe(0);
    const nothing = page.getByRole('status').filter({ hasText: 'No calls' });
    await expect.poll(() => nothing.textContent()).toContain('No calls mention “insur” with these filters.');
    await expectAccessible(page);
    await nothing.getByRole('link', { name: 'Clear the search' }).click();
    await expect.poll(() => pageSummary(page).textContent()).toContain(`of ${count(calls, (c) => c.callType === 'Outbound')} calls`);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ callType: 'Outbound' });

    await page.getByRole('button', { name: 'Clear all' }).click();
    await search.fill('xylophone');
    await search.press('Enter');
    await expect.poll(() => nothing.textContent()).toContain('No calls mention “xylophone”.');
    expect(await nothing.textContent()).not.toContain('with these filters');

    await search.fill('patient');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => pageSummary(page).textContent()).toBe('Showing 1–10 of 25 calls mentioning “patient”');
    await page.getByRole('link', { name: 'Next' }).click();
    await expect.poll(() => pageSummary(page).textContent()).toBe('Showing 11–20 of 25 calls mentioning “patient”');
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ q: 'patient', page: '2' });
  });

  it('keeps a searched and paged view bookmarkable: a new tab signs in and opens the same view', async () => {
    const { page, browser, seed, server } = world;
    const bookmark = page.url();
    const tab = await browser.context.newPage();
    await tab.goto(bookmark);
    await tab.getByLabel('API key').fill(seed.tenant.apiKey);
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => tab.url()).toBe(bookmark);
    await expect.poll(async () => pageSummary(tab).textContent()).toBe(await pageSummary(page).textContent());
    await tab.close();
    await page.goto(`${server.url}/o/${seed.clinic.id}/calls`);
  });

  it('pages through the exact totals, and a reload keeps the page', async () => {
    const { page } = world;
    await page.getByRole('link', { name: 'Next' }).click();
    await expect.poll(() => pageSummary(page).textContent()).toBe('Showing 11–20 of 25 calls');
    expect(page.url()).toContain('page=2');
    await page.getByRole('link', { name: 'Next' }).click();
    await expect.poll(() => pageSummary(page).textContent()).toBe('Showing 21–25 of 25 calls');
    await page.reload();
    await expect.poll(() => pageSummary(page).textContent()).toBe('Showing 21–25 of 25 calls');
    expect(await page.getByText('Page 3 of 3').count()).toBe(1);
    await page.getByRole('link', { name: 'Previous' }).click();
    await expect.poll(() => pageSummary(page).textContent()).toBe('Showing 11–20 of 25 calls');
  });

  it('is usable from the keyboard: a skip link first, and a calendar that Escape closes', async () => {
    const { page } = world;
    await page.reload();
    await page.locator('table.calls tbody tr').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    const trigger = page.getByRole('button', { name: /Dates/ });
    await trigger.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Choose dates' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog', { name: 'Choose dates' }).count()).toBe(0);
    expect(await page.evaluate('document.activeElement.getAttribute("aria-expanded")')).toBe('false');
    expect(await page.evaluate('document.activeElement.textContent')).toBe(await trigger.textContent());
  });

  it('stays readable on a phone: no sideways scrolling, each call a card', async () => {
    const { page } = world;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('table.calls tbody tr').first().waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await page.locator('table.calls thead').evaluate((head) => head.getBoundingClientRect().height)).toBeLessThanOrEqual(1);
    await page.getByLabel('Per page').scrollIntoViewIfNeeded();
    await page.evaluate('window.scrollBy(0, 120)');
    await screenshot(page, 'call-logs-phone', { fullPage: false });
    await expectAccessible(page);
    await page.setViewportSize({ width: 1280, height: 860 });
  });
});
