import { v7 as uuidv7, validate } from 'uuid';

/** Time-ordered ids keep primary-key indexes appending at their right edge. */
export const newId = (): string => uuidv7();

/** Checked before any query so a malformed id never reaches PostgreSQL as a cast error. */
export const isUuid = (value: string): boolean => validate(value);
