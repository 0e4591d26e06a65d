import type { TranscriptFormat } from '../db/tables.js';
import type { TranscriptTurn } from './transcripts.js';

/**
 * How text becomes searchable words, the same for stored calls and for a `q`, and the same on
 * SQLite and PostgreSQL because neither database's own tokenizer is trusted with it.
 *
 * A word is a run of letters, digits and marks; everything else (punctuation, quotes, operators)
 * only separates words, so no query string can be a syntax error. Case, width and accents are
 * folded ("École" finds "ecole"), and a word is cut to its first characters so a very long one
 * still matches by prefix.
 */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MAX_WORD_CHARACTERS = 64;
/**
 * A call's distinct words, in bytes plus a few per word, stop here: a PostgreSQL tsvector must
 * stay under 1 MB, and a real conversation's vocabulary is far below this.
 */
const MAX_DOCUMENT_BYTES = 600_000;
const BYTES_PER_WORD = 4;

export function searchWords(text: string): string[] {
  const folded = text.normalize('NFKC').toLowerCase().normalize('NFKD').replace(/\p{Mn}/gu, '').normalize('NFC');
  return (folded.match(WORD) ?? []).map((word) => {
    const characters = Array.from(word);
    return characters.length > MAX_WORD_CHARACTERS ? characters.slice(0, MAX_WORD_CHARACTERS).join('') : word;
  });
}

/** The distinct words of a call's summary and transcript, in order of first use, within the size bound. */
export function searchDocument(summary: string | null, transcript: { format: TranscriptFormat; content: string } | undefined): string[] {
  const texts = summary === null ? [] : [summary];
  if (transcript !== undefined) {
    if (transcript.format === 'text') texts.push(transcript.content);
    else texts.push(...(JSON.parse(transcript.content) as TranscriptTurn[]).map((turn) => turn.text));
  }
  const distinct = new Set<string>();
  let bytes = 0;
  for (const text of texts) {
    for (const word of searchWords(text)) {
      if (distinct.has(word)) continue;
      bytes += Buffer.byteLength(word) + BYTES_PER_WORD;
      if (bytes > MAX_DOCUMENT_BYTES) return [...distinct];
      distinct.add(word);
    }
  }
  return [...distinct];
}
