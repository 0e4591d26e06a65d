import { createHash } from 'node:crypto';

/** The first bytes of each kept format, enough for magic-number detection; the rest of a body is filler. */
const heads: Record<string, () => Buffer> = {
  'audio/mpeg': () => Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xfb, 0x90, 0x64]),
  'audio/wav': () => {
    const head = Buffer.alloc(44);
    head.write('RIFF', 0, 'latin1');
    head.writeUInt32LE(36, 4);
    head.write('WAVEfmt ', 8, 'latin1');
    head.writeUInt32LE(16, 16);
    head.writeUInt16LE(1, 20);
    head.writeUInt16LE(1, 22);
    head.writeUInt32LE(8000, 24);
    head.writeUInt32LE(16000, 28);
    head.writeUInt16LE(2, 32);
    head.writeUInt16LE(16, 34);
    head.write('data', 36, 'latin1');
    return head;
  },
  'audio/ogg': () => Buffer.concat([Buffer.from('OggS', 'latin1'), Buffer.alloc(24), Buffer.from('OpusHead', 'latin1'), Buffer.from([1, 1])]),
  'audio/webm': () =>
    Buffer.from([
      0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3, 0x81, 0x08, 0x42, 0x82,
      0x84, 0x77, 0x65, 0x62, 0x6d, 0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02,
    ]),
  'audio/mp4': () => {
    const head = Buffer.alloc(24);
    head.writeUInt32BE(24, 0);
    head.write('ftypM4A ', 4, 'latin1');
    head.write('M4A mp42', 16, 'latin1');
    return head;
  },
  'image/png': () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
};

export const AUDIO_TYPES = ['audio/mpeg', 'audio/wav', 'audio/ogg', 'audio/webm', 'audio/mp4'] as const;

/** A body of `size` bytes that starts like a file of `format`, with varied filler so every range differs. */
export function audioBody(format: string, size: number, seed = 1): Buffer {
  const head = heads[format]!();
  const body = Buffer.alloc(Math.max(size, head.length));
  head.copy(body);
  let state = seed;
  for (let i = head.length; i < body.length; i += 1) {
    state = (state * 1103515245 + 12345) >>> 0;
    body[i] = state >>> 24;
  }
  return body;
}

export const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** A mono 16-bit WAV of a 440 Hz tone: the smallest real audio a browser decodes, plays and seeks in. */
export function toneWav(seconds: number, sampleRate = 8000): Buffer {
  const samples = sampleRate * seconds;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0, 'latin1');
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8, 'latin1');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'latin1');
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i += 1) wav.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 8000), 44 + i * 2);
  return wav;
}
