import { fileTypeFromBuffer } from 'file-type';

export const audioTypes = ['audio/mpeg', 'audio/wav', 'audio/ogg', 'audio/webm', 'audio/mp4'] as const;
export type AudioType = (typeof audioTypes)[number];

/** Other names clients and tools give the same formats. */
const aliases: Record<string, AudioType> = {
  'audio/mp3': 'audio/mpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/x-m4a': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
};

/** What the magic numbers say, by file-type's extension, as the format a client may declare for it. */
const formatOfDetected: Record<string, AudioType> = {
  mp3: 'audio/mpeg',
  mp2: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  spx: 'audio/ogg',
  ogx: 'audio/ogg',
  // file-type names every WebM "video"; an audio-only WebM starts with the same bytes.
  webm: 'audio/webm',
  m4a: 'audio/mp4',
  m4b: 'audio/mp4',
  mp4: 'audio/mp4',
  f4a: 'audio/mp4',
};

/** Enough of the start of a file for file-type to recognise each of these formats. */
export const SNIFF_BYTES = 4100;

/** The format a Content-Type header names (parameters such as `codecs` ignored), if it is one we keep. */
export function declaredAudioType(header: string | undefined): AudioType | undefined {
  const essence = header?.split(';')[0]?.trim().toLowerCase() ?? '';
  return (audioTypes as readonly string[]).includes(essence) ? (essence as AudioType) : aliases[essence];
}

/** Whether the first bytes of a body are of the declared format; the answer names what they look like otherwise. */
export async function checkAudioBytes(head: Buffer, declared: AudioType): Promise<{ ok: true } | { ok: false; looksLike: string }> {
  const detected = await fileTypeFromBuffer(head);
  if (detected !== undefined && formatOfDetected[detected.ext] === declared) return { ok: true };
  return { ok: false, looksLike: detected === undefined ? 'an unrecognised format' : detected.mime };
}
