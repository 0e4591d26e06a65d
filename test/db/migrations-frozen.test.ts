import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FOLDER = fileURLToPath(new URL('../../src/db/migrations/', import.meta.url));
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/g;

describe('the migrations', () => {
  it('import nothing from the application, so changing its code never changes what an old migration does', async () => {
    const outside: string[] = [];
    const files = (await fs.readdir(FOLDER)).filter((name) => name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const source = await fs.readFile(path.join(FOLDER, file), 'utf8');
      for (const [, specifier] of source.matchAll(IMPORT)) {
        if (!specifier!.startsWith('.')) continue;
        const target = path.resolve(FOLDER, specifier!);
        if (path.dirname(target) !== path.resolve(FOLDER)) outside.push(`${file} imports ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
