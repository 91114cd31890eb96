import { describe, expect, it } from 'vitest';
import { type DirectorySource, LiveDirectory } from '../../../functions/directory/live-directory.ts';
import type { StoredRecord } from '../../../functions/records/definition.ts';

/** A table in miniature that remembers what each refresh asked it for. */
class FakeSource implements DirectorySource {
  readonly records = new Map<string, StoredRecord>();
  readonly asked: { type: string; since?: string }[] = [];
  failNext = false;
  private clock = Date.parse('2026-11-01T00:00:00Z');

  write(type: string, id: string, values: Record<string, unknown>, deleted = false): StoredRecord {
    this.clock += 1000;
    const at = new Date(this.clock).toISOString();
    const held = this.records.get(`${type}#${id}`);
    const record = {
      id,
      type,
      regionId: 'canterbury',
      version: (held?.version ?? 0) + 1,
      createdAt: held?.createdAt ?? at,
      createdBy: 'test',
      updatedAt: at,
      updatedBy: 'test',
      values,
      ...(deleted ? { deletedAt: at, deletedBy: 'test' } : {}),
    } as StoredRecord;
    this.records.set(`${type}#${id}`, record);
    return record;
  }

  service(id: string, listed = true) {
    return this.write('service', id, {
      regionId: 'canterbury',
      name: `Service ${id}`,
      provider: 'Ara Trust',
      category: 'youth',
      description: 'Support into work.',
      listed,
    });
  }

  async *changes(type: string, since?: string): AsyncGenerator<StoredRecord[]> {
    this.asked.push({ type, since });
    if (this.failNext) {
      this.failNext = false;
      throw new Error('the table did not answer');
    }
    yield [...this.records.values()].filter(
      (r) => r.type === type && (since ? r.updatedAt >= since : !r.deletedAt),
    );
  }
}

describe('the live directory', () => {
  it('should read everything once, then ask only for what changed since the newest it holds once its writes are older than the overlap', async () => {
    // Prepare: the writes are a month old, so none can still be committing.
    const source = new FakeSource();
    source.write('region', 'canterbury', { name: 'Canterbury', cegRegion: true });
    const first = source.service('a');
    const live = new LiveDirectory(source, { refreshEveryMs: 0, overlapMs: 30_000 });
    await live.get();
    source.asked.length = 0;
    // Act
    source.service('b');
    const d = await live.get();
    // Assess
    expect(d.services.map((s) => s.id)).toEqual(['a', 'b']);
    const asked = source.asked.find((a) => a.type === 'service');
    expect(asked?.since).toBe(first.updatedAt);
  });

  it('should re-read the overlap before its previous read while writes are recent, and no more once past it', async () => {
    // Prepare: the clock of the reader a moment after the writes.
    const source = new FakeSource();
    const first = source.service('a');
    let now = Date.parse(first.updatedAt) + 500;
    const live = new LiveDirectory(source, { refreshEveryMs: 0, overlapMs: 30_000, now: () => now });
    await live.get();
    const firstReadAt = now;
    // Act: read again a second later, then again a minute later.
    source.asked.length = 0;
    now += 1000;
    await live.get();
    const soon = source.asked.find((a) => a.type === 'service')?.since;
    source.asked.length = 0;
    now += 60_000;
    await live.get();
    const nextOne = source.asked.find((a) => a.type === 'service')?.since;
    source.asked.length = 0;
    now += 1000;
    await live.get();
    const later = source.asked.find((a) => a.type === 'service')?.since;
    // Assess: a write stamped before a read but committed after it is still found, then the
    // window closes on the newest held.
    expect(soon).toBe(new Date(firstReadAt - 30_000).toISOString());
    expect(nextOne).toBe(new Date(firstReadAt + 1000 - 30_000).toISOString());
    expect(later).toBe(first.updatedAt);
  });

  it.each([
    ['deleted', (s: FakeSource) => s.write('service', 'a', {}, true)],
    ['taken down', (s: FakeSource) => s.service('a', false)],
  ])('should drop a service %s after the first read', async (_, change) => {
    // Prepare
    const source = new FakeSource();
    source.service('a');
    const live = new LiveDirectory(source, { refreshEveryMs: 0 });
    await live.get();
    // Act
    change(source);
    const d = await live.get();
    // Assess
    expect(d.service('a')).toBeUndefined();
    expect(d.serviceCount).toBe(0);
  });

  it('should reuse a refresh made within refreshEveryMs, and share one among concurrent requests', async () => {
    // Prepare
    let now = 0;
    const source = new FakeSource();
    const live = new LiveDirectory(source, { refreshEveryMs: 1000, now: () => now });
    // Act
    await Promise.all([live.get(), live.get(), live.get()]);
    const afterFirst = source.asked.length;
    now = 999;
    await live.get();
    const withinTheSecond = source.asked.length;
    now = 1000;
    await live.get();
    // Assess
    expect(afterFirst).toBe(5);
    expect(withinTheSecond).toBe(5);
    expect(source.asked.length).toBe(10);
  });

  it('should answer a failed refresh with its error, change nothing, and try again on the next request', async () => {
    // Prepare
    const source = new FakeSource();
    source.service('a');
    const live = new LiveDirectory(source, { refreshEveryMs: 0 });
    await live.get();
    source.service('b');
    source.failNext = true;
    // Act
    const failed = live.get();
    // Assess
    await expect(failed).rejects.toThrow('the table did not answer');
    expect((await live.get()).services.map((s) => s.id)).toEqual(['a', 'b']);
  });
});
