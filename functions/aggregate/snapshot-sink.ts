import { randomUUID } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

/**
 * Where snapshots are kept: a folder locally, an S3 bucket in the cloud. Keys are relative paths
 * such as `snapshots/2026-11-23.json`, the same in both.
 */
export interface SnapshotSink {
  put(key: string, body: string, contentType: string): Promise<void>;
  /** The stored text, or undefined when nothing is stored under `key`. */
  get(key: string): Promise<string | undefined>;
  /** Every key starting with `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
}

const KEY_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Refuses keys that could escape the sink's folder or surprise S3 (`..`, absolute paths, spaces). */
export function checkSnapshotKey(key: string): string {
  if (!KEY_RE.test(key) || key.split('/').includes('..')) {
    throw new Error(
      `"${key}" is not a snapshot key: use letters, digits, dots, dashes and slashes, like snapshots/2026-11-23.json`,
    );
  }
  return key;
}

/** Snapshots in a local folder laid out like the bucket (`npm start`, `npm run aggregate`, tests). */
export class LocalFolderSink implements SnapshotSink {
  constructor(readonly root: string) {}

  /** The content type is for S3; files are served by their extension. */
  async put(key: string, body: string, _contentType?: string): Promise<void> {
    const file = join(this.root, checkSnapshotKey(key));
    await mkdir(dirname(file), { recursive: true });
    // Write then rename, so the dashboard never reads half a file.
    const temporary = `${file}.${randomUUID()}.tmp`;
    await writeFile(temporary, body, 'utf8');
    await rename(temporary, file);
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return await readFile(join(this.root, checkSnapshotKey(key)), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    let entries: Dirent[];
    try {
      entries = await readdir(this.root, { recursive: true, withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => relative(this.root, join(entry.parentPath, entry.name)).split(sep).join('/'))
      .filter((key) => key.startsWith(prefix) && KEY_RE.test(key) && !key.endsWith('.tmp'))
      .sort();
  }
}
