import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDynamoLocal } from '../../../local/dynamo-local.ts';

/** Everything below `folder`, as paths relative to it. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' });
}

describe('DynamoDB Local', () => {
  const previousTmpdir = process.env.TMPDIR;
  const temp = mkdtempSync(join(tmpdir(), 'dynamo-local-test-'));
  afterAll(() => {
    if (previousTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmpdir;
    rmSync(temp, { recursive: true, force: true });
  });

  it('should unpack its SQLite library in a temp folder of its own and remove it when stopped', async () => {
    // Prepare: this process's temp folder is one the test can watch.
    process.env.TMPDIR = temp;
    const before = process.env.JAVA_TOOL_OPTIONS;

    // Act
    const emulator = await startDynamoLocal();
    const whileRunning = filesUnder(temp);
    await emulator.stop();
    const afterStop = filesUnder(temp);

    // Assess
    expect(whileRunning.some((f) => /^dynamodb-local-[^/]+\/sqlite-.*\.so$/.test(f))).toBe(true);
    expect(afterStop).toEqual([]);
    expect(process.env.JAVA_TOOL_OPTIONS).toBe(before);
  });
});
