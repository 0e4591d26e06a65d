import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newId } from '../shared/ids.js';
import type { BlobStorage, ByteRange, StoredBlob } from './blob-storage.js';

const INCOMING = 'incoming';
const KEY = /^[0-9a-f-]{36}$/;

/**
 * Recordings as files in one folder. An upload is written to `incoming/`, flushed to disk, then
 * renamed into place under a new name, so a file is either absent or whole. A reader that has
 * opened a file keeps reading it even if a replacement or deletion unlinks it meanwhile.
 */
export class FileStorage implements BlobStorage {
  readonly kind = 'files' as const;

  constructor(private readonly directory: string) {}

  private pathOf(key: string): string {
    return path.join(this.directory, key.slice(-2), key);
  }

  async write(source: AsyncIterable<Buffer>): Promise<StoredBlob> {
    const key = newId();
    const incoming = path.join(this.directory, INCOMING, `${key}.part`);
    await fsp.mkdir(path.dirname(incoming), { recursive: true });
    let size = 0;
    try {
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            size += chunk.length;
            yield chunk;
          }
        },
        // `flush` syncs the file to disk before it is closed, so the rename below publishes durable bytes.
        fs.createWriteStream(incoming, { flags: 'wx', flush: true }),
      );
    } catch (error) {
      await fsp.rm(incoming, { force: true });
      throw error;
    }
    const final = this.pathOf(key);
    await fsp.mkdir(path.dirname(final), { recursive: true });
    await fsp.rename(incoming, final);
    await syncDirectory(path.dirname(final));
    return { key, size };
  }

  async open(key: string, range: ByteRange): Promise<Readable | undefined> {
    if (!KEY.test(key)) return undefined;
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(this.pathOf(key), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return handle.createReadStream({ start: range.start, end: range.end });
  }

  /** Unlinks the files of recordings whose rows are gone; a file already missing is no error. */
  async remove(keys: string[]): Promise<void> {
    for (const key of keys) {
      if (KEY.test(key)) await fsp.rm(this.pathOf(key), { force: true });
    }
  }

  /**
   * Files no row names, left by a crash between an upload's rename and its commit, or between a
   * deletion's commit and its unlink; only those older than `before`, so uploads under way are spared.
   */
  async collectGarbage(isReferenced: (keys: string[]) => Promise<Set<string>>, before: number): Promise<number> {
    let removed = 0;
    for (const folder of await listFolder(this.directory)) {
      const folderPath = path.join(this.directory, folder);
      const names = await listFolder(folderPath);
      const old: string[] = [];
      for (const name of names) {
        const stat = await fsp.stat(path.join(folderPath, name)).catch(() => undefined);
        if (stat?.isFile() === true && stat.mtimeMs < before) old.push(name);
      }
      if (folder === INCOMING) {
        for (const name of old) await fsp.rm(path.join(folderPath, name), { force: true });
        removed += old.length;
        continue;
      }
      const referenced = await isReferenced(old.filter((name) => KEY.test(name)));
      for (const name of old.filter((candidate) => KEY.test(candidate) && !referenced.has(candidate))) {
        await fsp.rm(path.join(folderPath, name), { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}

async function listFolder(folder: string): Promise<string[]> {
  try {
    return await fsp.readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw error;
  }
}

/** Makes a rename durable: the new directory entry survives a power cut, as the bytes do. */
async function syncDirectory(folder: string): Promise<void> {
  const handle = await fsp.open(folder, fs.constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
