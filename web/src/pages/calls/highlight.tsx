import { Fragment, type ReactNode } from 'react';

/** A word as List Calls' search reads one: letters, digits and marks; anything else separates words. */
const WORD = /([\p{L}\p{N}\p{M}]+)/u;

/** Case, width and accents folded away, as the search ignores them. */
const fold = (text: string) => text.normalize('NFKC').toLowerCase().normalize('NFKD').replace(/\p{Mn}/gu, '').normalize('NFC');

/** The words of a search, folded; an empty list highlights nothing. */
export function searchTerms(q: string | undefined): string[] {
  return q === undefined ? [] : fold(q).split(WORD).filter((_, index) => index % 2 === 1);
}

/**
 * The text with every word that a search term starts marked, which is why the call was found:
 * "clean" marks "Cleaning".
 */
export function Highlighted({ text, terms }: { text: string; terms: string[] }): ReactNode {
  if (terms.length === 0) return text;
  return text.split(WORD).map((part, index) => {
    const folded = index % 2 === 1 ? fold(part) : '';
    return index % 2 === 1 && terms.some((term) => folded.startsWith(term)) ? <mark key={index}>{part}</mark> : <Fragment key={index}>{part}</Fragment>;
  });
}
