import { loadReferenceData } from '../../data/reference.ts';
import { SEED_PRINCIPAL } from '../../data/seed-loader.ts';
import { RecordService } from '../../functions/domain/record-service.ts';
import type { Harness } from './harness.ts';

/** Words that only private fields or unlisted records hold: none may reach any public page or export. */
export const SECRETS = [
  'Timaru Secret Pilot',
  'PRIVATE-NOTE-5150',
  'PRIVATE-CONSULTATION-7731',
  'Southland Draft Unpublished',
] as const;

/**
 * A small directory for the public-site tests: three listed services (one in Whangārei, to find
 * without macrons), one unlisted service, a published West Coast profile and an unpublished
 * Southland one, created through the API as staff would.
 */
export async function seedPublicDirectory(h: Harness) {
  await loadReferenceData(new RecordService(h.store), SEED_PRINCIPAL);
  const token = await h.signIn('national@ceg.example.nz', 'national');
  const post = async (path: string, body: Record<string, unknown>) => {
    const response = await h.request('POST', `/v1/${path}`, { token, body });
    if (response.status !== 201) throw new Error(`${path}: ${JSON.stringify(response.body)}`);
    return response.body as { id: string };
  };
  const organisation = await post('organisations', {
    regionId: 'canterbury',
    name: 'Ara Trades Trust',
    sector: 'community',
    keyPlayer: true,
    description: 'A community trust running trades training in South Canterbury.',
  });
  const service = (values: Record<string, unknown>) =>
    post('services', {
      category: 'youth',
      description: 'One-to-one support for young people leaving school, into training or a first job.',
      phone: '(03) 555 0101',
      listed: true,
      ...values,
    });
  const whangarei = await service({
    regionId: 'northland',
    councilId: 'whangarei-district',
    name: 'Whangārei Youth Hub',
    provider: 'Te Hau Ora Trust',
    area: 'Whangārei',
    eligibility: 'Young people aged 15 to 24 not in work or training.',
    minimumAge: 15,
    maximumAge: 24,
    cost: 'Free',
    streetAddress: '12 Rathbone Street',
    town: 'Whangārei',
    postcode: '0110',
    openingHours: 'Mon–Fri 9:00–17:00; Sat 10:00–13:00',
    internalNotes: 'PRIVATE-NOTE-5150 check funding',
  });
  const christchurch = await service({
    regionId: 'canterbury',
    councilId: 'christchurch-city',
    name: 'Christchurch Youth Transition Service',
    provider: 'Ara Trades Trust',
    organisationId: organisation.id,
    area: 'Christchurch',
    email: 'youth@ara.example.nz',
    website: 'https://ara.example.nz',
  });
  const ashburton = await service({
    regionId: 'canterbury',
    councilId: 'ashburton-district',
    name: 'Ashburton Job Search Workshop',
    provider: 'Mid Canterbury Jobs Network',
    category: 'job-search',
    area: 'Ashburton',
  });
  const unlisted = await service({
    regionId: 'canterbury',
    councilId: 'timaru-district',
    name: 'Timaru Secret Pilot Programme',
    provider: 'Timaru Pilot Group',
    listed: false,
  });
  await post('employment-profiles', {
    regionId: 'west-coast',
    title: 'West Coast employment profile 2026',
    summary: 'Who is out of work or training on the West Coast, and which industries are hiring.',
    keyFigures: 'Unemployment rate: 4.1%\nYoung people not in employment, education or training: 12.3%',
    industries: 'Mining: about 900 jobs\nTourism: about 2,400 jobs',
    researchSources: 'Census, Household Labour Force Survey.',
    consultationNotes: 'PRIVATE-CONSULTATION-7731 with the mayor',
    preparedOn: '2026-02-01',
    published: true,
    publishedOn: '2026-03-15',
  });
  await post('employment-profiles', {
    regionId: 'southland',
    title: 'Southland Draft Unpublished profile',
    summary: 'Draft.',
    published: false,
  });
  return { organisation, whangarei, christchurch, ashburton, unlisted };
}
