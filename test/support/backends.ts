import { inject } from 'vitest';

export type BackendName = 'sqlite' | 'postgres';

/** Every storage test runs once per backend: SQLite always, PostgreSQL when a server answered. */
export const backends: BackendName[] = inject('postgresUrl') === '' ? ['sqlite'] : ['sqlite', 'postgres'];
