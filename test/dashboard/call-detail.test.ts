import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { toneWav } from '../support/audio.js';
import { expectAccessible } from './accessibility.js';
import { screenshot } from './browser.js';
import { apiRequest, pageSummary, signIn, skipBrowserTests, useDashboard } from './dashboard-world.js';

/** The parts of an <audio> element the test reads; the tests compile without the DOM's types. */
interface Audio {
  duration: number;
  currentTime: number;
  paused: boolean;
  muted: boolean;
  play(): Promise<void>;
  pause(): void;
  addEventListener(event: string, listener: () => void, options: { once: boolean }): void;
}

/** Long enough that the player, which preloads only the start, asks for a later range when seeking. */
const SECONDS = 120;
const SAMPLE_RATE = 8000;
const WAV = toneWav(SECONDS, SAMPLE_RATE);
const SEEK_TO = 100;
/** Where the sample at SEEK_TO seconds lies in the file: after the 44-byte header, two bytes a sample. */
const SEEK_BYTE = 44 + SEEK_TO * SAMPLE_RATE * 2;

const audio = (page: Page) => page.getByLabel('Call recording');
const duration = (page: Page) => audio(page).evaluate((element) => (element as unknown as Audio).duration);
const activeText = (page: Page) => page.evaluate('document.activeElement.textContent');

describe.skipIf(skipBrowserTests)('the call page in Chromium', { timeout: 60_000 }, () => {
  const world = useDashboard();
  /** A call whose caller asks about insurance, in the transcript only. */
  const target = () => world.seed.calls[9]!;
  const insured = () => world.seed.calls.filter((call) => call.turns.some((turn) => turn.text.includes('insurance'))).length;
  let recordingLink = '';

  it('opens a call found by a search: every detail, the words marked, the transcript in the same request', async () => {
    const { page, server, seed } = world;
    const call = target();
    expect(call.turns[1]!.text).toContain('insurance');
    const upload = await apiRequest(world, 'PUT', `/api/calls/${call.id}/recording`, WAV, 'audio/wav');
    expect(upload.status).toBe(201);

    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname + new URL(request.url()).search));
    await page.goto(`${server.url}/o/${seed.clinic.id}/calls?q=insurance`);
    await signIn(world, seed.tenant.apiKey);
    await expect.poll(() => pageSummary(page).textContent()).toBe(`Showing 1–${insured()} of ${insured()} calls mentioning “insurance”`);
    await page.locator(`a[href$="/calls/${call.id}"]`).click();
    await page.getByRole('heading', { name: /^Inbound call,/ }).waitFor();

    const details = page.locator('dl.details');
    for (const value of [call.agentName, 'Patient 10', '+15550100009', 'Refill', 'positive', 'seed-9', call.id]) {
      await expect.poll(() => details.textContent()).toContain(value);
    }
    await expect.poll(() => page.locator('section', { hasText: 'Summary' }).textContent()).toContain(call.summary);
    const turns = await page.locator('.transcript .turn').evaluateAll((items) => items.map((item) => [item.className, item.querySelector('p')!.textContent]));
    expect(turns).toEqual(call.turns.map((turn) => [`turn ${turn.role === 'agent' ? 'agent' : 'caller'}`, turn.text]));
    expect(await page.locator('mark').allTextContents()).toEqual(['insurance']);

    const asked = requested.filter((url) => url.startsWith(`/api/calls/${call.id}`));
    expect(asked.filter((url) => !url.includes('/recording'))).toEqual([`/api/calls/${call.id}?organizationId=${seed.clinic.id}&include=transcript`]);

    recordingLink = (await audio(page).getAttribute('src'))!;
    expect(recordingLink).toMatch(new RegExp(`^/api/calls/${call.id}/recording\\?expires=\\d+&signature=`));
    await expect.poll(() => duration(page)).toBe(SECONDS);
    expect(await page.getByRole('link', { name: 'Download the recording' }).getAttribute('href')).toBe(recordingLink);
    await expectAccessible(page);
  });

  it('plays the uploaded recording and seeks in it, the server answering byte ranges', async () => {
    const { page } = world;
    const answers: Array<{ status: number; range: string | undefined; type: string | undefined }> = [];
    page.on('response', (response) => {
      if (!response.url().includes(`/api/calls/${target().id}/recording`)) return;
      const headers = response.headers();
      answers.push({ status: response.status(), range: headers['content-range'], type: headers['content-type'] });
    });
    await page.reload();
    await expect.poll(() => duration(page)).toBe(SECONDS);

    await audio(page).evaluate(
      (element, to) =>
        new Promise<void>((seeked) => {
          const player = element as unknown as Audio;
          player.addEventListener('seeked', seeked, { once: true });
          player.currentTime = to;
        }),
      SEEK_TO,
    );
    expect(await audio(page).evaluate((element) => (element as unknown as Audio).currentTime)).toBeCloseTo(SEEK_TO, 1);
    // A muted player may start without a click, as browsers allow muted autoplay.
    await audio(page).evaluate((element) => {
      const player = element as unknown as Audio;
      player.muted = true;
      return player.play();
    });
    const playing = () => audio(page).evaluate((element) => ({ at: (element as unknown as Audio).currentTime, paused: (element as unknown as Audio).paused }));
    await expect.poll(async () => { const { at, paused } = await playing(); return at > SEEK_TO + 0.1 && !paused; }).toBe(true);
    await audio(page).evaluate((element) => (element as unknown as Audio).pause());
    await screenshot(page, 'call-detail');
    await expectAccessible(page);

    const partial = answers.filter((answer) => answer.status === 206);
    expect(partial.length).toBeGreaterThan(0);
    for (const answer of partial) {
      expect(answer.type).toBe('audio/wav');
      expect(answer.range).toMatch(new RegExp(`^bytes \\d+-\\d+/${WAV.length}$`));
    }
    // The seek was answered from the server, with a range that starts where the player jumped to.
    const starts = partial.map((answer) => Number(/^bytes (\d+)-/.exec(answer.range!)![1]));
    expect(starts.some((start) => start > 0 && start <= SEEK_BYTE)).toBe(true);
  });

  it('offers to load the recording again when it cannot be loaded', async () => {
    const { page } = world;
    const pattern = `**/api/calls/${target().id}/recording?*`;
    world.browser.problems.expected = [/Failed to load resource/];
    await page.route(pattern, (route) => route.abort('connectionreset'));
    await page.reload();
    const alert = page.getByRole('alert').filter({ hasText: 'The recording could not be loaded' });
    await alert.waitFor();
    await expectAccessible(page);
    await page.unroute(pattern);
    await alert.getByRole('button', { name: 'Load it again' }).click();
    await expect.poll(() => duration(page)).toBe(SECONDS);
    expect(await alert.count()).toBe(0);
    world.browser.problems.expected = [];
  });

  it("shows a plain-text transcript as written, and a provider's recording as a link to open", async () => {
    const { page, server, seed } = world;
    const text = "Front desk notes:\nThe patient asked to move Tuesday's visit.\nCalled back at 3 pm.";
    const providerLink = 'https://recordings.provider.example/calls/77.mp3';
    const created = await apiRequest(world, 'POST', '/api/calls', {
      organizationId: seed.clinic.id,
      callType: 'Web',
      agentName: 'Night Nurse',
      callStartedAt: '2026-01-05T15:00:00Z',
      callEndedAt: '2026-01-05T15:02:00Z',
      transcript: text,
      recordingUrl: providerLink,
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await page.goto(`${server.url}/o/${seed.clinic.id}/calls/${id}`);
    await page.getByRole('heading', { name: /^Web call,/ }).waitFor();
    const turn = page.locator('.transcript .turn');
    await turn.first().waitFor();
    expect(await turn.count()).toBe(1);
    expect(await turn.getAttribute('class')).toBe('turn plain');
    expect(await turn.locator('p').innerText()).toBe(text);
    expect(await turn.locator('.speaker').count()).toBe(0);
    expect(await page.getByText('Recorded as plain text, without speakers.').count()).toBe(1);

    expect(await page.locator('audio').count()).toBe(0);
    const open = page.getByRole('link', { name: "Open the provider's recording" });
    expect(await open.getAttribute('href')).toBe(providerLink);
    expect(await open.getAttribute('target')).toBe('_blank');
    await expectAccessible(page);
  });

  it('deletes a call after asking, from the keyboard, back to the search it came from, and the API no longer has it', async () => {
    const { page, server, seed } = world;
    const call = target();
    await page.goto(`${server.url}/o/${seed.clinic.id}/calls?q=insurance`);
    await page.locator(`a[href$="/calls/${call.id}"]`).click();
    const opener = page.getByRole('button', { name: 'Delete call' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Delete this call?' });
    await dialog.waitFor();
    expect(await activeText(page)).toBe('Cancel');
    expect(await dialog.textContent()).toContain('with +15550100009 will be deleted for good');
    await screenshot(page, 'call-delete', { fullPage: false });
    await expectAccessible(page);

    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await activeText(page)).toBe('Delete call');
    expect((await apiRequest(world, 'GET', `/api/calls/${call.id}`)).status).toBe(200);

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    expect(await activeText(page)).toBe('Delete call');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.url()).toBe(`${server.url}/o/${seed.clinic.id}/calls?q=insurance`);
    const notice = page.getByRole('status').filter({ hasText: 'was deleted' });
    await expect.poll(() => notice.textContent()).toMatch(/^The Inbound call of .+ was deleted, with its transcript and recording\.$/);
    expect(await page.evaluate('document.activeElement.classList.contains("notice")')).toBe(true);
    await expect.poll(() => pageSummary(page).textContent()).toBe(`Showing 1–${insured() - 1} of ${insured() - 1} calls mentioning “insurance”`);
    expect(await page.locator(`a[href$="/calls/${call.id}"]`).count()).toBe(0);
    await expectAccessible(page);

    expect((await apiRequest(world, 'GET', `/api/calls/${call.id}`)).status).toBe(404);
    const listed = (await (await apiRequest(world, 'GET', `/api/calls?organizationId=${seed.clinic.id}&q=insurance`)).json()) as { pagination: { total: number } };
    expect(listed.pagination.total).toBe(insured() - 1);
    expect((await fetch(`${server.url}${recordingLink}`)).status).toBe(404);

    world.browser.problems.expected = [/status of 404/];
    await page.goBack();
    await page.getByRole('heading', { name: 'Call not found' }).waitFor();
    world.browser.problems.expected = [];
  });

  it('stays readable on a phone, the player as wide as the screen', async () => {
    const { page, server, seed } = world;
    const call = seed.calls[1]!;
    expect((await apiRequest(world, 'PUT', `/api/calls/${call.id}/recording`, WAV, 'audio/wav')).status).toBe(201);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/o/${seed.clinic.id}/calls/${call.id}`);
    await expect.poll(() => duration(page)).toBe(SECONDS);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await audio(page).evaluate((element) => element.getBoundingClientRect().width)).toBeGreaterThan(300);
    await page.locator('section[aria-labelledby="summary-heading"]').evaluate((section) => section.scrollIntoView());
    await screenshot(page, 'call-detail-phone', { fullPage: false });
    await expectAccessible(page);
    await page.setViewportSize({ width: 1280, height: 860 });
  });
});
