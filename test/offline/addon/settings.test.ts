import { describe, expect, it } from 'vitest';
import {
  checkRegion,
  DocumentState,
  type KeyValueStore,
  regionChoices,
  SettingsError,
  validateSettings,
} from '../../../sheets-addon/src/sync/settings.ts';

const DEPLOYED = { allowList: ['https://records.example.nz/'], deployed: true };
const LOCAL_TEST_BUILD = { allowList: ['http://127.0.0.1:8787/'], deployed: false };

function memoryStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get: (k) => map.get(k) ?? null,
    set: (k, v) => void map.set(k, v),
    delete: (k) => void map.delete(k),
  };
}

describe('settings', () => {
  it('should list every problem with the form in words', () => {
    // Act
    const attempt = () =>
      validateSettings(
        { apiUrl: 'http://records.example.nz', regionId: 'Canterbury region', types: [] },
        DEPLOYED,
      );

    // Assess
    expect(attempt).toThrow(SettingsError);
    expect(attempt).toThrow(
      'The API address must start with https:// (plain http is only for a local test server). "Canterbury region" is not a region id (like canterbury). Choose at least one record type to keep in this spreadsheet.',
    );
  });

  it('should accept an https address, trimming the trailing slash, and plain http only on this machine', () => {
    // Act
    const cloud = validateSettings(
      {
        apiUrl: ' https://records.example.nz/ ',
        regionId: 'canterbury',
        types: ['activity', 'activity'],
        hourlyPull: true,
      },
      DEPLOYED,
    );
    const local = validateSettings({ apiUrl: 'http://127.0.0.1:8787', types: ['need'] }, LOCAL_TEST_BUILD);

    // Assess
    expect(cloud).toEqual({
      apiUrl: 'https://records.example.nz',
      regionId: 'canterbury',
      types: ['activity'],
      hourlyPull: true,
    });
    expect(local.apiUrl).toBe('http://127.0.0.1:8787');
  });

  it("should refuse an address outside the build's allow-list, saying who can change it", () => {
    // Act
    const elsewhere = () =>
      validateSettings({ apiUrl: 'https://other.example.nz', types: ['need'] }, DEPLOYED);
    const lookalike = () =>
      validateSettings({ apiUrl: 'https://records.example.nz.evil.example', types: ['need'] }, DEPLOYED);

    // Assess
    expect(elsewhere).toThrow(
      'This add-on may only reach https://records.example.nz, the API address it was built with.',
    );
    expect(elsewhere).toThrow('ask whoever publishes the add-on for your organisation');
    expect(lookalike).toThrow('may only reach https://records.example.nz');
  });

  it("should refuse localhost in a deployed build, since Google's servers cannot reach it", () => {
    // Act
    const attempt = () => validateSettings({ apiUrl: 'http://localhost:3000', types: ['need'] }, DEPLOYED);

    // Assess
    expect(attempt).toThrow(
      "The add-on runs on Google's servers, which cannot reach http://localhost:3000 on your own computer. Use the API's public address (https://records.example.nz).",
    );
  });

  it('should start pulls from scratch when the region changes', () => {
    // Prepare
    const state = new DocumentState(memoryStore());
    state.saveSettings({
      apiUrl: 'https://a.example',
      regionId: 'canterbury',
      types: ['activity'],
      hourlyPull: false,
    });
    state.saveCursor('activity', 'canterbury', 'cursor-1');

    // Act
    const sameRegion = state.cursor('activity', 'canterbury');
    state.saveSettings({
      apiUrl: 'https://a.example',
      regionId: 'otago',
      types: ['activity'],
      hourlyPull: false,
    });

    // Assess
    expect(sameRegion).toBe('cursor-1');
    expect(state.cursor('activity', 'otago')).toBeUndefined();
    expect(state.cursor('activity', 'canterbury')).toBeUndefined();
  });

  describe('the region, chosen from the real list', () => {
    const regions = [
      { id: 'otago', values: { name: 'Otago' } },
      { id: 'canterbury', values: { name: 'Canterbury' } },
      { id: 'manawatu-whanganui', values: { name: 'Manawatū-Whanganui' } },
    ];
    const saved = { apiUrl: 'https://records.example.nz', types: ['activity'], hourlyPull: false };

    it('should offer national staff every region and everyone else their own, by name', () => {
      // Act
      const national = regionChoices({ role: 'national', regionIds: [] }, regions);
      const regional = regionChoices({ role: 'regional', regionIds: ['canterbury', 'otago'] }, regions);

      // Assess
      expect(national).toEqual([
        { id: 'canterbury', name: 'Canterbury' },
        { id: 'manawatu-whanganui', name: 'Manawatū-Whanganui' },
        { id: 'otago', name: 'Otago' },
      ]);
      expect(regional.map((r) => r.id)).toEqual(['canterbury', 'otago']);
    });

    it('should keep a region from the list or "all regions", and refuse any other naming the choices', () => {
      // Prepare
      const choices = regionChoices({ role: 'regional', regionIds: ['canterbury'] }, regions);

      // Act
      const mine = checkRegion({ ...saved, regionId: 'canterbury' }, choices);
      const all = checkRegion({ ...saved, regionId: '' }, choices);
      const another = () => checkRegion({ ...saved, regionId: 'otago' }, choices);
      const none = () => checkRegion({ ...saved, regionId: 'otago' }, []);

      // Assess
      expect(mine.regionId).toBe('canterbury');
      expect(all.regionId).toBe('');
      expect(another).toThrow(SettingsError);
      expect(another).toThrow(
        '"otago" is not a region you can pull. Choose one from the list (Canterbury (canterbury)), or "All regions you can see".',
      );
      expect(none).toThrow('the user directory gives you no region');
    });
  });
});
