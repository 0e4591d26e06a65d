import { describe, expect, it } from 'vitest';
import { expectAccessible } from './accessibility.js';
import { screenshot } from './browser.js';
import { apiRequest, signIn, skipBrowserTests, useDashboard } from './dashboard-world.js';

/** Written apart from the page's own formatting: whole minutes and two-digit seconds. */
const minutes = (seconds: number) => (seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`);

describe.skipIf(skipBrowserTests)('analytics, API keys and organizations in Chromium', { timeout: 60_000 }, () => {
  const world = useDashboard();

  it('shows the analytics of the last 30 days: totals, durations, shares and agents', async () => {
    const { page, server, seed } = world;
    await page.goto(`${server.url}/`);
    await signIn(world, seed.tenant.apiKey);
    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { name: 'Analytics' }).waitFor();
    const figure = (label: string) => page.locator('.figure', { has: page.getByText(label, { exact: true }) }).locator('dd');
    await expect.poll(() => figure('Calls').textContent()).toBe('25');
    const durations = seed.calls.map((call) => call.duration).sort((a, b) => a - b);
    const average = Math.round((durations.reduce((sum, d) => sum + d, 0) / durations.length) * 10) / 10;
    expect(await figure('Average duration').textContent()).toBe(minutes(Math.round(average)));
    expect(await figure('90th percentile duration').textContent()).toBe(minutes(durations[Math.ceil(0.9 * durations.length) - 1]!));

    const intents = page.locator('table', { has: page.locator('caption', { hasText: 'Share by intent' }) });
    const bookings = seed.calls.filter((call) => call.intent === 'Book appointment').length;
    await expect.poll(() => intents.locator('tr', { hasText: 'Book appointment' }).locator('td').first().textContent()).toBe(String(bookings));
    expect(await intents.locator('tr', { hasText: 'No intent' }).count()).toBe(1);
    const sentiments = page.locator('table', { has: page.locator('caption', { hasText: 'Share by sentiment' }) });
    expect(await sentiments.locator('tbody tr').count()).toBe(3);
    expect(await page.locator('section', { hasText: 'By agent' }).locator('tbody tr').count()).toBe(3);
    expect(await page.locator('canvas').count()).toBe(3);
    await page.waitForTimeout(300);
    await screenshot(page, 'analytics');
    await expectAccessible(page);
  });

  it('narrows the analytics to a chosen range from the calendar presets', async () => {
    const { page, seed } = world;
    await page.getByRole('button', { name: /Dates/ }).click();
    await page.getByRole('button', { name: 'Last 7 days' }).click();
    const from = new Date(Date.parse(`${seed.today}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
    await expect.poll(() => page.url()).toContain(`from=${from}&to=${seed.today}`);
    const expected = seed.calls.filter((call) => call.day >= from).length;
    expect(expected).toBeLessThan(seed.calls.length);
    await expect.poll(() => page.locator('.figure', { hasText: 'Calls' }).first().locator('dd').textContent()).toBe(String(expected));
  });

  it('creates an API key, shows it once with a copy button, and revokes it after asking', async () => {
    const { page, server } = world;
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    await page.getByRole('button', { name: 'Create an API key' }).click();
    await page.getByLabel('Name').fill('Billing integration');
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = page.getByLabel('API key “Billing integration”');
    await shown.waitFor();
    const key = await shown.inputValue();
    expect(key).toMatch(/^cbo_[A-Za-z0-9]{40}$/);
    expect(await page.getByRole('alert').textContent()).toContain('shown only this once');
    await screenshot(page, 'api-key-created');
    await expectAccessible(page);
    await world.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.getByRole('button', { name: 'Copy key' }).click();
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(key);
    const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${key}` } });
    expect(((await me.json()) as { kind: string }).kind).toBe('organization');
    await page.getByRole('button', { name: 'I have copied it' }).click();

    const row = page.locator('tr', { hasText: 'Billing integration' });
    await expect.poll(() => row.locator('td[data-label="Status"]').textContent()).toBe('Active');
    await screenshot(page, 'api-keys');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Revoke Billing integration' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke this API key?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await row.locator('td[data-label="Status"]').textContent()).toBe('Active');
    await page.getByRole('button', { name: 'Revoke Billing integration' }).click();
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await expect.poll(() => row.locator('td[data-label="Status"]').textContent()).toMatch(/^Revoked /);
    expect((await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
  });

  it('creates, edits and deletes an organization, and the switcher follows', async () => {
    const { page } = world;
    await page.getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('heading', { name: 'Organizations' }).waitFor();
    await page.getByRole('button', { name: 'New organization' }).click();
    const fields: Array<[string, string]> = [
      ['Name', 'Lakeside Pediatrics'],
      ['Email', 'desk@lakeside.example'],
      ['Phone number', '+15551112222'],
      ['Address', '9 Lake Rd'],
      ['City', 'Madison'],
      ['State or province', 'WI'],
      ['Postal code', '53703'],
      ['Country', 'US'],
    ];
    for (const [label, value] of fields) await page.getByLabel(label, { exact: true }).fill(value);
    await page.getByLabel('Time zone').selectOption('America/Chicago');
    await page.getByRole('button', { name: 'Create organization' }).click();
    const row = page.locator('tr', { hasText: 'Lakeside Pediatrics' });
    await expect.poll(() => row.locator('td[data-label="City"]').textContent()).toBe('Madison');
    expect(await row.locator('td[data-label="Keeps calls"]').textContent()).toBe('Forever');
    await expect.poll(() => page.getByLabel('Organization', { exact: true }).locator('option', { hasText: 'Lakeside Pediatrics' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Edit Lakeside Pediatrics' }).click();
    await page.getByLabel('City', { exact: true }).fill('Green Bay');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => row.locator('td[data-label="City"]').textContent()).toBe('Green Bay');

    await page.getByRole('button', { name: 'Delete Lakeside Pediatrics' }).click();
    await page.getByRole('dialog', { name: 'Delete this organization?' }).getByRole('button', { name: 'Delete organization' }).click();
    await expect.poll(() => row.count()).toBe(0);
    await expect.poll(() => page.getByLabel('Organization', { exact: true }).locator('option', { hasText: 'Lakeside Pediatrics' }).count()).toBe(0);
  });

  it('sets how long an organization keeps its calls, as the API checks it, and warns before shortening it', async () => {
    const { page, seed } = world;
    const retention = page.getByLabel('Keep calls for (days)');
    const row = page.locator('tr', { hasText: 'Bright Smile Dental' });
    const stored = async () => ((await (await apiRequest(world, 'GET', `/api/organization/${seed.clinic.id}`)).json()) as { retentionDays: number | null }).retentionDays;
    const refusal = await apiRequest(world, 'PUT', `/api/organization/${seed.clinic.id}`, { name: 'Bright Smile Dental', email: 'desk@example.com', retentionDays: 0 });
    expect(refusal.status).toBe(400);
    const { details } = (await refusal.json()) as { details: Array<{ field: string; message: string }> };
    const message = details.find((detail) => detail.field === 'retentionDays')!.message;

    await page.getByRole('button', { name: 'Edit Bright Smile Dental' }).click();
    expect(await retention.inputValue()).toBe('');
    await retention.fill('0');
    world.browser.problems.expected = [/status of 400/];
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.locator('#organization-retentionDays-error').textContent()).toBe(message);
    world.browser.problems.expected = [];
    expect(await retention.getAttribute('aria-invalid')).toBe('true');
    expect(await retention.getAttribute('aria-describedby')).toContain('organization-retentionDays-error');
    expect(await stored()).toBeNull();

    await retention.fill('400');
    const warning = page.locator('#organization-retentionDays-warning');
    await expect.poll(() => warning.textContent()).toBe('Calls that started more than 400 days ago will be deleted within the hour, with their transcripts and recordings.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => row.locator('td[data-label="Keeps calls"]').textContent()).toBe('400 days');
    expect(await stored()).toBe(400);

    await page.getByRole('button', { name: 'Edit Bright Smile Dental' }).click();
    expect(await retention.inputValue()).toBe('400');
    await retention.fill('500');
    expect(await warning.count()).toBe(0);
    await retention.fill('90');
    await expect.poll(() => warning.textContent()).toContain('more than 90 days ago');
    expect(await retention.getAttribute('aria-describedby')).toBe('organization-retentionDays-hint organization-retentionDays-warning');
    await screenshot(page, 'organization-retention');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => row.locator('td[data-label="Keeps calls"]').textContent()).toBe('90 days');
    expect(await stored()).toBe(90);
    await screenshot(page, 'organizations');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Edit Bright Smile Dental' }).click();
    await retention.fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => row.locator('td[data-label="Keeps calls"]').textContent()).toBe('Forever');
    expect(await stored()).toBeNull();
  });

  it('switches organization from the header, to an empty clinic', async () => {
    const { page, seed } = world;
    await page.getByLabel('Organization', { exact: true }).selectOption(seed.other.id);
    await expect.poll(() => page.url()).toContain(`/o/${seed.other.id}/calls`);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'No calls' }).textContent()).toContain('No calls have been recorded for this organization yet.');
  });

  it('gives an organization key its own clinic only: no switcher, no organizations', async () => {
    const { page, seed } = world;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(page.url()).toBe(`${world.server.url}/sign-in`);
    await signIn(world, seed.organizationKey);
    await expect.poll(() => page.url()).toContain(`/o/${seed.clinic.id}/calls`);
    expect(await page.getByRole('link', { name: 'Organizations' }).count()).toBe(0);
    expect(await page.getByLabel('Organization', { exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'Analytics' }).click();
    await expect.poll(() => page.locator('.figure', { hasText: 'Calls' }).first().locator('dd').textContent()).toBe('25');
  });
});
