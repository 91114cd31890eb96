import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { boolean, date, longText, ref, text } from '../fields.ts';
import { requiredWhen } from '../rules.ts';

/** The region's employment profile: public once published (rule 10). */
export const employmentProfile = defineRecord({
  type: 'employment-profile',
  path: 'employment-profiles',
  label: 'Employment profile',
  pluralLabel: 'Employment profiles',
  description: "A region's employment profile from consultation and research; public once published.",
  schema: () =>
    z.object({
      regionId: ref('region', { title: 'Region', help: 'The region profiled', public: true }),
      title: text({ title: 'Title', help: 'The profile\u2019s title', public: true }),
      summary: longText({ title: 'Summary', help: 'The profile as the public reads it', public: true }),
      keyFigures: z.optional(
        longText({
          title: 'Key figures',
          help: 'Labour market figures, one per line',
          public: true,
        }),
      ),
      consultationNotes: z.optional(
        longText({
          title: 'Consultation notes',
          help: 'Internal: who was consulted and what they said',
        }),
      ),
      researchSources: z.optional(
        longText({
          title: 'Research sources',
          help: 'Where the figures come from',
          public: true,
        }),
      ),
      industries: z.optional(
        longText({
          title: 'Industries',
          help: 'The main industries and what they employ, one per line',
          public: true,
        }),
      ),
      preparedOn: z.optional(
        date({
          title: 'Prepared on',
          help: 'When the research and consultation were finished (YYYY-MM-DD)',
          public: true,
        }),
      ),
      published: boolean({ title: 'Published', help: 'True to make it public' }),
      publishedOn: z.optional(
        date({
          title: 'Published on',
          help: 'When it was made public (YYYY-MM-DD)',
          public: true,
        }),
      ),
    }),
  scope: { field: 'regionId' },
  publicWhen: (v) => v.published === true,
  refine: requiredWhen('publishedOn', (v) => v.published === true, 'give the date the profile was published'),
});
