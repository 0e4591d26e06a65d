/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally (ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Case folding shared by stored search keys and the terms searched for. */
export function foldCase(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}
