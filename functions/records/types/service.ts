import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { boolean, email, integer, longText, oneOf, openingHours, ref, text, url } from '../fields.ts';
import { notMoreThan, requireCouncilInRegion } from '../rules.ts';

export const SERVICE_CATEGORIES = [
  'job-search',
  'training',
  'youth',
  'business-support',
  'community-employment',
  'income-support',
  'other',
] as const;

/** The categories as the public reads them, in the same order. */
export const SERVICE_CATEGORY_LABELS: Record<(typeof SERVICE_CATEGORIES)[number], string> = {
  'job-search': 'Job search',
  training: 'Training and licences',
  youth: 'Youth',
  'business-support': 'Business support',
  'community-employment': 'Community employment',
  'income-support': 'Income and budgeting help',
  other: 'Other',
};

/** An entry in the public directory of co-ordinated local services (rule 10). */
export const service = defineRecord({
  type: 'service',
  path: 'services',
  label: 'Service',
  pluralLabel: 'Services',
  description: 'An entry in the database of co-ordinated local services, searchable by the public.',
  schema: () =>
    z.object({
      regionId: ref('region', { title: 'Region', help: 'The region served', public: true }),
      name: text({ title: 'Name', help: 'The service\u2019s name', public: true }),
      provider: text({ title: 'Provider', help: 'Who runs it', public: true }),
      organisationId: z.optional(
        ref('organisation', {
          title: 'Organisation',
          help: 'The provider\u2019s organisation record, if any',
        }),
      ),
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
      councilId: z.optional(
        ref('council', {
          title: 'Council district',
          help: 'The council district where it is based, for searching by council',
          public: true,
        }),
      ),
      area: z.optional(text({ title: 'Area', help: 'Towns or districts covered', public: true })),
      eligibility: z.optional(
        longText({
          title: 'Who it is for',
          help: 'Who can use it, e.g. "Young people aged 15 to 24 not in work or training"',
          public: true,
          max: 500,
        }),
      ),
      minimumAge: z.optional(
        integer({
          title: 'Minimum age',
          help: 'Youngest age served, if any',
          public: true,
          max: 120,
        }),
      ),
      maximumAge: z.optional(
        integer({
          title: 'Maximum age',
          help: 'Oldest age served, if any',
          public: true,
          max: 120,
        }),
      ),
      cost: z.optional(
        text({
          title: 'Cost',
          help: 'What it costs, e.g. "Free" or "$20 a session"',
          public: true,
        }),
      ),
      howToApply: z.optional(
        longText({
          title: 'How to get in',
          help: 'How to start: phone, walk in, referral…',
          public: true,
          max: 500,
        }),
      ),
      streetAddress: z.optional(
        text({
          title: 'Street address',
          help: 'Where to go, e.g. "12 Cashel Street"',
          public: true,
        }),
      ),
      town: z.optional(
        text({
          title: 'Town or city',
          help: 'Town or city of the street address',
          public: true,
          max: 80,
        }),
      ),
      postcode: z.optional(
        text({
          title: 'Postcode',
          help: 'Four-digit New Zealand postcode',
          example: '7805',
          public: true,
          pattern: { regex: /^\d{4}$/, expected: 'expected a four-digit postcode like 8011' },
        }),
      ),
      openingHours: z.optional(
        openingHours({
          title: 'Opening hours',
          help: 'Days and 24-hour times, e.g. "Mon–Fri 9:00–17:00; Sat 10:00–13:00"',
          example: 'Mon–Fri 9:00–17:00; Sat 10:00–13:00',
          public: true,
        }),
      ),
      phone: z.optional(text({ title: 'Phone', help: 'Public phone number', public: true, max: 40 })),
      email: z.optional(email({ title: 'Email', help: 'Public email address', public: true })),
      website: z.optional(url({ title: 'Website', help: 'https:// address', public: true })),
      listed: boolean({ title: 'Listed', help: 'True to show it in the public directory' }),
      internalNotes: z.optional(longText({ title: 'Internal notes', help: 'Not shown to the public' })),
    }),
  scope: { field: 'regionId' },
  councilField: 'councilId',
  rules: [requireCouncilInRegion()],
  publicWhen: (v) => v.listed === true,
  refine: notMoreThan('minimumAge', 'maximumAge', 'the minimum age must not be above the maximum age'),
});
