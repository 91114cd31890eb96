import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../../sheets-addon/build.ts';
import { buildForTest } from '../../support/addon/addon-runtime.ts';

let built: Awaited<ReturnType<typeof buildForTest>>;

beforeAll(async () => {
  // Act, shared by the tests below: build the add-on once.
  built = await buildForTest();
});

describe('the Apps Script build', () => {
  it('should expose the menu, trigger and sidebar functions as top-level functions of one script', () => {
    // Prepare
    const context = vm.createContext({});

    // Act
    vm.runInContext(built.code, context, { filename: 'Code.js' });

    // Assess
    for (const name of [
      'onOpen',
      'onInstall',
      'openSidebar',
      'scheduledPull',
      'previewPush',
      'confirmPush',
      'pullNow',
      'setUpTabs',
      'resolveConflict',
      'undoPush',
      'getProgress',
    ]) {
      expect(typeof context[name], name).toBe('function');
    }
    expect(built.entryPoints).toContain('menuPushSelected');
    expect(built.code).not.toMatch(/^\s*(import|export)\s/m);
    expect(built.code).not.toMatch(/\brequire\(/);
  });

  it("should carry no zod, taking the server's types with import type only", () => {
    // Assess: esbuild names each bundled module in a comment, so a value import that reached zod shows here.
    expect(built.code).toContain('// sheets-addon/src/main.ts');
    expect(built.code).not.toContain('node_modules/zod/');
  });

  it('should ship the manifest with narrow scopes, V8 and the sidebar beside the script', () => {
    // Act
    const shipped = JSON.parse(readFileSync(join(built.outDir, 'appsscript.json'), 'utf8'));
    const sidebar = readFileSync(join(built.outDir, 'sidebar.html'), 'utf8');

    // Assess
    expect(shipped.runtimeVersion).toBe('V8');
    expect(shipped.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.external_request',
      'https://www.googleapis.com/auth/script.scriptapp',
      'openid',
      'https://www.googleapis.com/auth/userinfo.email',
    ]);
    expect(sidebar).toContain('google.script.run');
  });

  it("should bundle the sidebar's TypeScript into its HTML, with none of the server functions' code", () => {
    // Act
    const sidebar = readFileSync(join(built.outDir, 'sidebar.html'), 'utf8');

    // Assess
    expect(sidebar).toContain('// sheets-addon/src/sidebar/sidebar.ts');
    expect(sidebar).not.toContain('// sheets-addon/src/main.ts');
    expect(sidebar).not.toContain('bundled in by build.ts');
    expect(sidebar).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('should allow fetches to the API origin only, and refuse a plain-http origin', () => {
    // Act
    const pointed = manifest('https://abc123.execute-api.ap-southeast-2.amazonaws.com/some/path');
    const plainHttp = () => manifest('http://records.example.nz');

    // Assess
    expect(pointed.urlFetchWhitelist).toEqual(['https://abc123.execute-api.ap-southeast-2.amazonaws.com/']);
    expect(plainHttp).toThrow('ADDON_API_ORIGIN must be an https:// origin');
  });

  it('should refuse localhost for a deployed build, and allow it only in a local test build', () => {
    // Act
    const local = manifest('http://localhost:3000', { local: true });
    const deployedPlain = () => manifest('http://localhost:3000');
    const deployedHttps = () => manifest('https://localhost:3000');

    // Assess
    expect(deployedPlain).toThrow('ADDON_API_ORIGIN must be an https:// origin');
    expect(deployedHttps).toThrow("Apps Script runs on Google's servers, which cannot reach this computer");
    expect(local.urlFetchWhitelist).toEqual(['http://localhost:3000/']);
  });

  it("should compile the manifest's allow-list into the script, so settings are checked against it", () => {
    // Act
    const shipped = JSON.parse(readFileSync(join(built.outDir, 'appsscript.json'), 'utf8'));

    // Assess
    expect(built.code).toContain(`allowList: [${JSON.stringify(shipped.urlFetchWhitelist[0])}]`);
  });

  it('should start no Apps Script service while loading, so an add-on menu can be built before authorisation', () => {
    // Prepare
    const touched: string[] = [];
    const tripwire = new Proxy({}, { get: (_t, key) => touched.push(String(key)) });
    const context = vm.createContext({
      SpreadsheetApp: tripwire,
      UrlFetchApp: tripwire,
      PropertiesService: tripwire,
    });

    // Act
    vm.runInContext(built.code, context);

    // Assess
    expect(touched).toEqual([]);
  });

  it('should be exactly what clasp pushes from the build folder: the script, the manifest and the sidebar', () => {
    // Prepare
    const project = join(built.outDir, '.clasp.json');
    writeFileSync(project, JSON.stringify({ scriptId: 'test-script-id', rootDir: '.' }));

    // Act
    const status = JSON.parse(
      execFileSync(
        join(process.cwd(), 'node_modules/.bin/clasp'),
        ['--json', '--project', project, 'show-file-status'],
        { encoding: 'utf8' },
      ),
    ) as { filesToPush: string[] };

    // Assess
    expect(status.filesToPush.map((f) => basename(f)).sort()).toEqual([
      'Code.js',
      'appsscript.json',
      'sidebar.html',
    ]);
  }, 30_000);
});
