import * as z from 'zod';
import { defineRecord } from '../definition.ts';
import { boolean, email, longText, oneOf, ref, text, url } from '../fields.ts';

export const SERVICE_CATEGORIES = [
  'job-search',
  'training',
  'youth',
  'business-support',
  'community-employment',
  'income-support',
  'other',
] as const;

/** An entry in the public directory of co-ordinated local services (rule 10). */
export const service = defineRecord({
  type: 'service',
  path: 'services',
  label: 'Service',
  pluralLabel: 'Services',
  description: 'An entry in the database of co-ordinated local services, searchable by the public.',
  schema: z.object({
    regionId: ref('region', { title: 'Region', help: 'The region served', public: true }),
    name: text({ title: 'Name', help: 'The service\u2019s name', public: true }),
    provider: text({ title: 'Provider', help: 'Who runs it', public: true }),
    organisationId: ref('organisation', {
      title: 'Organisation',
      help: 'The provider\u2019s organisation record, if any',
    }).optional(),
    category: oneOf(SERVICE_CATEGORIES, {
      title: 'Category',
      help: 'What kind of help it gives',
      public: true,
    }),
    description: longText({
      title: 'Description',
      help: 'What it offers and to whom',
      public: true,
      max: 2000,
    }),
    area: text({ title: 'Area', help: 'Towns or districts covered', public: true }).optional(),
    phone: text({ title: 'Phone', help: 'Public phone number', public: true, max: 40 }).optional(),
    email: email({ title: 'Email', help: 'Public email address', public: true }).optional(),
    website: url({ title: 'Website', help: 'https:// address', public: true }).optional(),
    listed: boolean({ title: 'Listed', help: 'True to show it in the public directory' }),
    internalNotes: longText({ title: 'Internal notes', help: 'Not shown to the public' }).optional(),
  }),
  scope: { field: 'regionId' },
  publicWhen: (v) => v.listed === true,
});
