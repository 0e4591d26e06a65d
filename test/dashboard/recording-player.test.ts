import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './accessibility.js';
import { screenshot } from './browser.js';
import { signIn, skipBrowserTests, useDashboard } from './dashboard-world.js';

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

const SAMPLE_RATE = 8000;
const SECONDS = 4;

/** A mono 16-bit WAV of a 440 Hz tone: the smallest real audio a browser decodes and seeks in. */
function toneWav(): Buffer {
  const samples = SAMPLE_RATE * SECONDS;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(SAMPLE_RATE, 24);
  wav.writeUInt32LE(SAMPLE_RATE * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i += 1) wav.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / SAMPLE_RATE) * 8000), 44 + i * 2);
  return wav;
}

/** Answers byte ranges as a file server does, which is what lets the player seek. */
async function serveRanges(route: Route, body: Buffer, served: string[]) {
  const range = /bytes=(\d+)-(\d*)/.exec(route.request().headers().range ?? '');
  served.push(range?.[0] ?? 'whole');
  if (range === null) {
    await route.fulfill({ status: 200, body, headers: { 'content-type': 'audio/wav', 'accept-ranges': 'bytes' } });
    return;
  }
  const start = Number(range[1]);
  const end = range[2] === '' ? body.length - 1 : Math.min(Number(range[2]), body.length - 1);
  await route.fulfill({
    status: 206,
    body: body.subarray(start, end + 1),
    headers: { 'content-type': 'audio/wav', 'accept-ranges': 'bytes', 'content-range': `bytes ${start}-${end}/${body.length}` },
  });
}

/**
 * The API stores no recordings yet, so no call carries a `recordingUrl`: this test adds a signed
 * link of the server's own form to a call's answer, and answers that link with a real WAV, byte
 * ranges and all. The player is then exercised exactly as it will be with a stored recording.
 */
describe.skipIf(skipBrowserTests)('the recording player in Chromium', { timeout: 60_000 }, () => {
  const world = useDashboard();

  it('plays a call\'s recording and seeks in it', async () => {
    const { page, server, seed } = world;
    const call = seed.calls[0]!;
    const link = `http://callbase.test/api/calls/${call.id}/recording?expires=4102444800&signature=test`;
    const served: string[] = [];
    const wav = toneWav();
    await page.route(`**/api/calls/${call.id}?*`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), recordingUrl: link } });
    });
    await page.route(`**/api/calls/${call.id}/recording?*`, (route) => serveRanges(route, wav, served));

    await page.goto(`${server.url}/o/${seed.clinic.id}/calls/${call.id}`);
    await signIn(world, seed.tenant.apiKey);
    const player = page.getByLabel('Call recording');
    await player.waitFor();
    expect(await player.getAttribute('src')).toBe(`/api/calls/${call.id}/recording?expires=4102444800&signature=test`);
    await expect.poll(() => player.evaluate((element) => (element as unknown as Audio).duration)).toBe(SECONDS);

    await player.evaluate(
      (element) =>
        new Promise<void>((seeked) => {
          const audio = element as unknown as Audio;
          audio.addEventListener('seeked', seeked, { once: true });
          audio.currentTime = 2.5;
        }),
    );
    expect(await player.evaluate((element) => (element as unknown as Audio).currentTime)).toBeCloseTo(2.5, 1);
    // A muted player may start without a click, as browsers allow muted autoplay.
    await player.evaluate((element) => {
      const audio = element as unknown as Audio;
      audio.muted = true;
      return audio.play();
    });
    await expect.poll(() => player.evaluate((element) => (element as unknown as Audio).currentTime > 2.6 && !(element as unknown as Audio).paused)).toBe(true);
    expect(served.some((range) => range.startsWith('bytes='))).toBe(true);
    await player.evaluate((element) => (element as unknown as Audio).pause());
    await screenshot(page, 'call-recording');
    await expectAccessible(page);
  });
});
