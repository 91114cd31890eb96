import {
  type DirectoryEntry,
  type DirectoryKind,
  directoryEntry,
  normalisedKey,
  type UserDirectory,
} from '../domain/user-directory.ts';

/** The user directory in memory, for the offline tests. */
export class MemoryUserDirectory implements UserDirectory {
  private readonly entries = new Map<string, DirectoryEntry>();

  async find(kind: DirectoryKind, key: string): Promise<DirectoryEntry | undefined> {
    const entry = this.entries.get(`${kind}:${normalisedKey(kind, key)}`);
    return entry && structuredClone(entry);
  }

  async listUsers(): Promise<DirectoryEntry[]> {
    return [...this.entries.values()]
      .filter((entry) => entry.kind === 'user')
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .map((entry) => structuredClone(entry));
  }

  async put(
    kind: DirectoryKind,
    key: string,
    entry: Parameters<UserDirectory['put']>[2],
    by: string,
  ): Promise<DirectoryEntry> {
    const item = directoryEntry(kind, key, entry, by);
    this.entries.set(`${kind}:${item.key}`, structuredClone(item));
    return item;
  }

  async remove(kind: DirectoryKind, key: string): Promise<void> {
    this.entries.delete(`${kind}:${normalisedKey(kind, key)}`);
  }
}
