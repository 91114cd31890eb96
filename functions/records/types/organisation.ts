import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { boolean, email, longText, oneOf, ref, text, url } from '../fields.ts';

/** An organisation that may be a key player in a region's LEC process. */
export const organisation = defineRecord({
  type: 'organisation',
  path: 'organisations',
  label: 'Organisation',
  pluralLabel: 'Organisations',
  description:
    "An organisation in a region's preferred list of key players for local employment co-ordination.",
  schema: () =>
    z.object({
      regionId: ref('region', { title: 'Region', help: 'Where the organisation works' }),
      // Fields marked public appear beside a listed service the organisation provides (public pages, HSDS).
      name: text({ title: 'Name', help: 'The organisation\u2019s name', public: true }),
      description: z.optional(
        longText({
          title: 'Description',
          help: 'What the organisation does, in a sentence or two for the public directory',
          public: true,
          max: 1000,
        }),
      ),
      sector: oneOf(
        ['government', 'local-government', 'iwi', 'community', 'business', 'education', 'other'],
        {
          title: 'Sector',
          help: 'Government, local government, iwi, community, business, education or other',
        },
      ),
      keyPlayer: boolean({ title: 'Key player', help: 'On the preferred list of key players' }),
      website: z.optional(url({ title: 'Website', help: 'https:// address', public: true })),
      phone: z.optional(text({ title: 'Phone', help: 'Main public phone number', public: true, max: 40 })),
      email: z.optional(email({ title: 'Email', help: 'Main public email address', public: true })),
    }),
  scope: { field: 'regionId' },
});
