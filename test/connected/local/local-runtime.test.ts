import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevIssuer } from '../../../local/dev-issuer.ts';
import { PortInUseError } from '../../../local/ports.ts';
import { type LocalSystem, startLocalSystem } from '../../../local/runtime.ts';
import { parseUsersCommand, runUsersCommand } from '../../../local/users-cli.ts';
import { startHarness } from '../../support/harness.ts';

/**
 * `npm start` as a whole: its own DynamoDB Local with data in a folder, seeded once, the API on
 * a real port with development tokens, a clean stop, and a second start that reuses the data.
 * One small region of demo data keeps it quick.
 */
const TODAY = '2026-03-18';
const dataDir = mkdtempSync(join(tmpdir(), 'partnership-local-'));
const options = { port: 0, dynamoPort: 0, dataDir, today: TODAY, demoRegionIds: ['nelson'] };
let system: LocalSystem | undefined;

const get = (base: string, path: string, token?: string) =>
  fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

beforeAll(async () => {
  // Act, shared by the first-start tests: the first start.
  system = await startLocalSystem(options);
}, 180_000);
afterAll(async () => {
  await system?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('local runtime: the first start', () => {
  it('should load reference and demo data and leave a marker of it', () => {
    // Assess
    expect(system!.seeding.status).toBe('loaded');
    expect(system!.seeding.marker).toMatchObject({ today: TODAY, demoRegionIds: ['nelson'] });
  });

  it('should serve the API with its health check and docs', async () => {
    // Act
    const health = await get(system!.baseUrl, '/healthz');
    const openapi = await get(system!.baseUrl, '/openapi.json');

    // Assess
    expect(health.status).toBe(200);
    expect(openapi.status).toBe(200);
  });

  it('should give one working development token per role', async () => {
    // Act
    const me = await Promise.all(
      Object.entries(system!.tokens).map(async ([role, token]) => [
        role,
        await (await get(system!.baseUrl, '/v1/me', token)).json(),
      ]),
    );

    // Assess
    expect(Object.fromEntries(me)).toEqual({
      national: { kind: 'user', id: 'national@dev.local', party: 'ceg', role: 'national', regionIds: [] },
      regional: {
        kind: 'user',
        id: 'canterbury.regional@dev.local',
        party: 'ceg',
        role: 'regional',
        regionIds: ['canterbury'],
      },
      adviser: {
        kind: 'user',
        id: 'canterbury.adviser@dev.local',
        party: 'ceg',
        role: 'adviser',
        regionIds: ['canterbury'],
      },
      viewer: {
        kind: 'user',
        id: 'viewer@dev.local',
        party: 'ceg',
        role: 'viewer',
        regionIds: ['canterbury'],
      },
      mayor: {
        kind: 'user',
        id: 'mayor.christchurch@dev.local',
        party: 'taskforce',
        role: 'council',
        regionIds: ['canterbury'],
        councilIds: ['christchurch-city'],
      },
      mtfj: {
        kind: 'user',
        id: 'mtfj.executive@dev.local',
        party: 'taskforce',
        role: 'national',
        regionIds: [],
      },
    });
  });

  it('should let the users CLI add someone whose development token then works', async () => {
    // Prepare
    const env = { ...process.env, DYNAMODB_ENDPOINT: system!.dynamoEndpoint, TABLE_NAME: system!.tableName };

    // Act
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'local/users-cli.ts',
        'add',
        'Mere.Parata@ceg.example.nz',
        '--role',
        'adviser',
        '--regions',
        'nelson',
      ],
      { env },
    );
    const token = await (await DevIssuer.loadOrCreate(join(dataDir, 'dev-issuer.json'))).mint(
      'mere.parata@ceg.example.nz',
    );
    const me = await get(system!.baseUrl, '/v1/me', token);

    // Assess
    expect(stdout).toContain('Saved user mere.parata@ceg.example.nz: adviser (nelson)');
    expect(await me.json()).toMatchObject({
      id: 'mere.parata@ceg.example.nz',
      role: 'adviser',
      regionIds: ['nelson'],
    });
  });
});

describe('local runtime: stopping and starting again', () => {
  it('should stop the API and DynamoDB Local, then reuse the data on the next start', async () => {
    // Prepare
    const before = await (
      await get(system!.baseUrl, '/v1/councils/nelson-city', system!.tokens.national)
    ).json();
    const { baseUrl, dynamoEndpoint } = system!;

    // Act
    await system!.stop();
    const answers = (request: Promise<Response>) =>
      request.then(
        () => 'answered',
        () => 'refused',
      );
    const apiAfterStop = await answers(get(baseUrl, '/healthz'));
    const dynamoAfterStop = await answers(fetch(dynamoEndpoint));
    system = await startLocalSystem(options);
    const after = await (
      await get(system.baseUrl, '/v1/councils/nelson-city', system.tokens.national)
    ).json();

    // Assess
    expect(apiAfterStop).toBe('refused');
    expect(dynamoAfterStop).toBe('refused');
    expect(system.seeding.status).toBe('reused');
    expect(before).toMatchObject({ version: 2, values: { taskforceMember: true } });
    expect(after).toEqual(before);
  }, 120_000);

  it('should say which port is taken and how to choose another', async () => {
    // Prepare
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const port = (blocker.address() as { port: number }).port;

    // Act
    const starting = startLocalSystem({ ...options, dynamoPort: port });

    // Assess
    await expect(starting).rejects.toThrow(PortInUseError);
    await expect(starting).rejects.toThrow(
      `Port ${port} is already in use, so DynamoDB Local cannot start there`,
    );
    await expect(starting).rejects.toThrow(`DYNAMODB_PORT=${port + 1} npm start`);
    blocker.close();
  });
});

describe('users CLI: running a command against the directory', () => {
  it('should show and remove directory entries, and say when someone is not there', async () => {
    // Prepare
    const h = await startHarness();
    await runUsersCommand(
      parseUsersCommand(['add', 'Tui@ceg.example.nz', '--role', 'viewer', '--regions', 'otago']),
      h.directory,
      'cli:test',
    );

    // Act
    const shown = await runUsersCommand(
      parseUsersCommand(['show', 'tui@ceg.example.nz']),
      h.directory,
      'cli:test',
    );
    const removed = await runUsersCommand(
      parseUsersCommand(['remove', 'TUI@ceg.example.nz']),
      h.directory,
      'cli:test',
    );
    const again = runUsersCommand(parseUsersCommand(['show', 'tui@ceg.example.nz']), h.directory, 'cli:test');

    // Assess
    expect(shown).toMatch(/^tui@ceg\.example\.nz: viewer \(otago\); last changed .* by cli:test$/);
    expect(removed).toBe('Removed user tui@ceg.example.nz.');
    await expect(again).rejects.toThrow('tui@ceg.example.nz is not in the user directory.');
    await h.close();
  });
});
