import { HSDS_VERSION, hsdsPage, hsdsService, hsdsServiceSummary } from '../directory/hsds.ts';
import type { DirectoryService } from '../directory/public-directory.ts';
import { parseOpeningHours } from '../records/opening-hours.ts';
import { countSchema, param, problemResponses, ref, type Schema, timestampSchema } from './openapi-parts.ts';
import { jsonResponse } from './openapi-records.ts';

/**
 * The open-data routes in the OpenAPI document: the HSDS 3.0 service routes and the CSV download.
 * The schemas describe what this API sends, a subset of the official HSDS schemas (which the
 * tests validate every answer against); the examples are made by the same mapping as the answers.
 */

const text = (maxLength: number, description?: string) => ({ type: 'string', maxLength, description });
const uuid = { type: 'string', format: 'uuid', maxLength: 36 };
const uri = { type: 'string', format: 'uri', maxLength: 500 };
const email = { type: 'string', format: 'email', maxLength: 254 };
const list = (items: Schema, maxItems = 50) => ({ type: 'array', maxItems, items });
const object = (required: string[], properties: Schema, description?: string) => ({
  type: 'object',
  required,
  properties,
  ...(description ? { description } : {}),
});
const age = { type: 'integer', format: 'int32', minimum: 0, maximum: 120 };

const HSDS_DOCS = {
  description: 'Human Services Data Specification 3.0 (Open Referral)',
  url: 'https://docs.openreferral.org/en/latest/hsds/schema_reference.html',
};

export const openDataSchemas: Schema = {
  HsdsOrganization: object(['id', 'name', 'description'], {
    id: uuid,
    name: text(200),
    description: text(1000),
    website: uri,
    email,
  }),
  HsdsPhone: object(['id', 'number'], { id: uuid, service_id: uuid, number: text(40), type: text(20) }),
  HsdsSchedule: object(['id'], {
    id: uuid,
    service_id: uuid,
    freq: { type: 'string', enum: ['WEEKLY'] },
    wkst: text(2),
    byday: { ...text(20), description: 'iCalendar days, e.g. MO,TU,WE' },
    opens_at: { ...text(5), pattern: '^\\d{2}:\\d{2}$' },
    closes_at: { ...text(5), pattern: '^\\d{2}:\\d{2}$' },
    description: text(200),
  }),
  HsdsServiceArea: object(['id'], {
    id: uuid,
    service_id: uuid,
    name: text(300),
    extent_type: { type: 'string', enum: ['text'] },
    extent: text(300),
  }),
  HsdsAddress: object(
    ['id', 'address_1', 'city', 'state_province', 'postal_code', 'country', 'address_type'],
    {
      id: uuid,
      location_id: uuid,
      address_1: text(200),
      city: text(80),
      state_province: { ...text(100), description: 'The region' },
      postal_code: { ...text(4), pattern: '^\\d{4}$' },
      country: { type: 'string', enum: ['NZ'] },
      address_type: { type: 'string', enum: ['physical'] },
    },
  ),
  HsdsLocation: object(['id', 'location_type'], {
    id: uuid,
    location_type: { type: 'string', enum: ['physical'] },
    organization_id: uuid,
    name: text(300),
    addresses: list(ref('HsdsAddress'), 1),
    schedules: list(ref('HsdsSchedule'), 14),
  }),
  HsdsServiceAtLocation: object(['id'], {
    id: uuid,
    service_id: uuid,
    location_id: uuid,
    location: ref('HsdsLocation'),
  }),
  HsdsTaxonomyTerm: object(['id', 'name', 'description'], {
    id: uuid,
    code: text(50),
    name: text(100),
    description: text(200),
    taxonomy: text(100),
    taxonomy_id: uuid,
  }),
  HsdsAttribute: object(['id'], {
    id: uuid,
    link_id: uuid,
    link_type: text(50),
    link_entity: text(50),
    taxonomy_term_id: uuid,
    taxonomy_term: ref('HsdsTaxonomyTerm'),
  }),
  HsdsServiceSummary: object(
    ['id', 'name', 'status'],
    {
      id: uuid,
      organization_id: uuid,
      name: text(200),
      description: text(2000),
      url: uri,
      email,
      status: { type: 'string', enum: ['active'] },
      application_process: text(500),
      fees_description: text(200),
      eligibility_description: text(500),
      minimum_age: age,
      maximum_age: age,
      last_modified: timestampSchema,
      organization: ref('HsdsOrganization'),
    },
    'A listed service with its one-to-one fields and its organisation (HSDS service_list).',
  ),
  HsdsService: {
    description: 'A listed service, fully nested (HSDS service).',
    allOf: [
      ref('HsdsServiceSummary'),
      {
        type: 'object',
        properties: {
          phones: list(ref('HsdsPhone'), 5),
          schedules: list(ref('HsdsSchedule'), 14),
          service_areas: list(ref('HsdsServiceArea'), 5),
          service_at_locations: list(ref('HsdsServiceAtLocation'), 5),
          attributes: list(ref('HsdsAttribute'), 10),
        },
      },
    ],
  },
  HsdsMeta: object(['version'], { version: { type: 'string', const: HSDS_VERSION }, openapi_url: uri }),
};

const pageOf = (item: string) =>
  object(
    ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
    {
      total_items: countSchema,
      total_pages: countSchema,
      page_number: countSchema,
      size: countSchema,
      first_page: { type: 'boolean' },
      last_page: { type: 'boolean' },
      empty: { type: 'boolean' },
      contents: list(ref(item), 200),
    },
  );

/** A service like those of the demo data, for the examples. */
const SAMPLE: DirectoryService = {
  id: 'service-west-coast-1',
  uuid: '3f1c2a57-8d0e-5b4a-9c61-2e7d4b0a9f13',
  regionId: 'west-coast',
  regionName: 'West Coast',
  councilId: 'grey-district',
  councilName: 'Grey District',
  updatedAt: '2026-11-20T03:14:00.000Z',
  name: 'Grey Youth Transition Service',
  provider: 'Te Tai o Poutini Trust',
  category: 'youth',
  categoryLabel: 'Youth',
  description: 'One-to-one support for 15 to 19 year olds leaving school, into training or a first job.',
  area: 'Grey',
  eligibility: 'Young people aged 15 to 24 who are not in work, education or training.',
  minimumAge: 15,
  maximumAge: 24,
  cost: 'Free',
  howToApply: 'Phone or walk in; a youth coach will meet you within a week.',
  streetAddress: '12 Mackay Street',
  town: 'Greymouth',
  postcode: '7805',
  openingHours: 'Mon–Fri 9:00–17:00',
  openingPeriods: parseOpeningHours('Mon–Fri 9:00–17:00') as never,
  phone: '(03) 555 0142',
  email: 'youth@tetaiopoutini.example.nz',
  website: 'https://tetaiopoutini.example.nz',
};

const cacheable = { 'Cache-Control': { $ref: '#/components/headers/CacheControl' } };
const wholeNumber = (min: number, max: number) => ({
  type: 'integer',
  format: 'int32',
  minimum: min,
  maximum: max,
});

export const openDataPaths: Schema = {
  '/hsds': {
    get: {
      operationId: 'getHsdsMeta',
      tags: ['Open data'],
      security: [],
      summary: 'About the HSDS routes',
      description: 'Which HSDS version these routes follow and where this document is.',
      externalDocs: HSDS_DOCS,
      responses: {
        200: jsonResponse(
          'HSDS version',
          ref('HsdsMeta'),
          { version: HSDS_VERSION, openapi_url: 'https://api.example.nz/openapi.json' },
          cacheable,
        ),
        ...problemResponses(),
      },
    },
  },
  '/hsds/services': {
    get: {
      operationId: 'listHsdsServices',
      tags: ['Open data'],
      security: [],
      summary: 'Listed services in HSDS 3.0',
      description:
        'Open to all, no token: every listed service in the Open Referral Human Services Data Specification 3.0 shape, paged as the HSDS reference API pages (`page` from 1, `per_page`). Unlisted services are never included. With `full=true` each service is fully nested.',
      externalDocs: HSDS_DOCS,
      parameters: [
        param('search', 'query', 'Words to find (case and macrons ignored)', text(200)),
        param('page', 'query', 'Page number, from 1', wholeNumber(1, 100_000)),
        param('per_page', 'query', 'Services per page (default 50)', wholeNumber(1, 200)),
        param('organization_id', 'query', 'Only services of this organisation (HSDS id)', uuid),
        param('taxonomy_term_id', 'query', 'Only services of this category (HSDS taxonomy term id)', uuid),
        param('modified_after', 'query', 'Only services changed on or after this time', timestampSchema),
        param('full', 'query', 'true for fully nested services', { type: 'string', enum: ['true', 'false'] }),
      ],
      responses: {
        200: jsonResponse(
          'A page of services',
          pageOf('HsdsServiceSummary'),
          hsdsPage([SAMPLE], 1, 50, hsdsServiceSummary),
          cacheable,
        ),
        ...problemResponses(400),
      },
    },
  },
  '/hsds/services/{id}': {
    get: {
      operationId: 'getHsdsService',
      tags: ['Open data'],
      security: [],
      summary: 'A listed service in HSDS 3.0, fully nested',
      description:
        'Open to all, no token: one listed service with its organisation, phone, opening hours as schedules, area, address and category. The id is the HSDS id (a UUID) or the record id; a service that is not listed answers 404.',
      externalDocs: HSDS_DOCS,
      parameters: [
        param('id', 'path', 'HSDS id (UUID) or record id', {
          type: 'string',
          minLength: 1,
          maxLength: 100,
          pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$',
        }),
      ],
      responses: {
        200: jsonResponse('The service', ref('HsdsService'), hsdsService(SAMPLE), cacheable),
        ...problemResponses(404),
      },
    },
  },
  '/v1/public/services.csv': {
    get: {
      operationId: 'downloadPublicServicesCsv',
      tags: ['Open data'],
      security: [],
      summary: 'Listed services as CSV',
      description:
        'Open to all, no token: every listed service, one row each, as UTF-8 CSV with a byte-order mark (so spreadsheets read macrons), formula-like cells escaped.',
      responses: {
        200: {
          description: 'The directory as CSV',
          headers: cacheable,
          content: { 'text/csv': { schema: { type: 'string', maxLength: 10_000_000 } } },
        },
        ...problemResponses(),
      },
    },
  },
};
