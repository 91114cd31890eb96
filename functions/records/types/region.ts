import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { boolean, email, longText, text } from '../fields.ts';

/** A CEG region with its regional Mayors Team. Reference data: ids are slugs like `canterbury`. */
export const region = defineRecord({
  type: 'region',
  path: 'regions',
  label: 'Region',
  pluralLabel: 'Regions',
  description: 'A CEG region and its regional Mayors Taskforce for Jobs team.',
  schema: () =>
    z.object({
      name: text({ title: 'Name', help: 'Official name, with macrons (Manawatū-Whanganui)', public: true }),
      cegRegion: boolean({
        title: 'CEG region',
        help: 'True for the 16 CEG regions; false for the Area Outside Region (Chatham Islands)',
        public: true,
      }),
      mayorsTeamRepresentative: z.optional(
        text({
          title: 'Mayors Team representative',
          help: 'The regional team member on the national planning and co-ordination group',
        }),
      ),
      regionalTeamEmail: z.optional(
        email({
          title: 'Regional team email',
          help: 'How the public and LEC members reach the CEG regional team; named in LEC digests the team authorises',
        }),
      ),
      mayorsTeamNotes: z.optional(
        longText({
          title: 'Mayors Team notes',
          help: 'Who is in the regional Mayors Team and how it works',
        }),
      ),
    }),
  scope: 'self',
  sharedReference: true,
  writableBy: ['national', 'regional'],
});
