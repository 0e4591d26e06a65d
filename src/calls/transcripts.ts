import type { z } from 'zod';
import type { TranscriptFormat } from '../db/tables.js';
import type { CreateCallBody, transcriptTurn } from './calls.schemas.js';

export type TranscriptTurn = z.infer<typeof transcriptTurn>;

const speakers: Record<TranscriptTurn['role'], string> = { agent: 'Agent', user: 'Caller' };

/** How a posted transcript is stored, or undefined when the call came without one. */
export function storedTranscript(transcript: CreateCallBody['transcript']): { format: TranscriptFormat; content: string } | undefined {
  if (transcript === undefined || transcript === null || transcript.length === 0) return undefined;
  return typeof transcript === 'string'
    ? { format: 'text', content: transcript }
    : { format: 'turns', content: JSON.stringify(transcript.map(({ role, text }) => ({ role, text }))) };
}

/** The transcript as plain text; turns become one `Agent:` or `Caller:` line each. */
export function transcriptText(format: TranscriptFormat, content: string): string {
  if (format === 'text') return content;
  const turns = JSON.parse(content) as TranscriptTurn[];
  return turns.map((turn) => `${speakers[turn.role]}: ${turn.text.replace(/\r?\n/g, ' ')}`).join('\n') + '\n';
}

/** The transcript as turns for Get Call: stored turns as they are, plain text as one turn of no known speaker. */
export function transcriptTurns(format: TranscriptFormat, content: string): Array<{ role: TranscriptTurn['role'] | null; text: string }> {
  if (format === 'text') return [{ role: null, text: content }];
  return JSON.parse(content) as TranscriptTurn[];
}
