import * as z from 'zod';
import { defineRecord } from '../definition.ts';
import { boolean, oneOf, ref, text, url } from '../fields.ts';

/** An organisation that may be a key player in a region's LEC process. */
export const organisation = defineRecord({
  type: 'organisation',
  path: 'organisations',
  label: 'Organisation',
  pluralLabel: 'Organisations',
  description:
    "An organisation in a region's preferred list of key players for local employment co-ordination.",
  schema: z.object({
    regionId: ref('region', { title: 'Region', help: 'Where the organisation works' }),
    name: text({ title: 'Name', help: 'The organisation\u2019s name' }),
    sector: oneOf(['government', 'local-government', 'iwi', 'community', 'business', 'education', 'other'], {
      title: 'Sector',
      help: 'Government, local government, iwi, community, business, education or other',
    }),
    keyPlayer: boolean({ title: 'Key player', help: 'On the preferred list of key players' }),
    website: url({ title: 'Website', help: 'https:// address' }).optional(),
  }),
  scope: { field: 'regionId' },
});
