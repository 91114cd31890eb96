import * as z from 'zod/mini';
import { defineRecord, type FieldError } from '../definition.ts';
import { boolean, email, ref, refs, text } from '../fields.ts';

/** A Community Employment Adviser (CEA), their region and the councils they work with. */
export const adviser = defineRecord({
  type: 'adviser',
  path: 'advisers',
  label: 'Adviser',
  pluralLabel: 'Advisers',
  description: 'A Community Employment Adviser, their region and the councils they work with.',
  schema: () =>
    z.object({
      name: text({ title: 'Name', help: 'Full name' }),
      email: email({ title: 'Email', help: 'Work email address' }),
      regionId: ref('region', { title: 'Region', help: 'The CEG region the adviser works in' }),
      councilIds: refs('council', {
        title: 'Councils',
        help: 'Councils the adviser works with, by id, separated by commas',
        max: 20,
      }),
      active: boolean({ title: 'Active', help: 'False once the adviser has left' }),
    }),
  scope: { field: 'regionId' },
  rules: [
    async (values, ctx) => {
      const errors: FieldError[] = [];
      for (const id of values.councilIds as string[]) {
        const c = await ctx.get('council', id);
        if (c && c.regionId !== values.regionId) {
          errors.push({
            field: 'councilIds',
            message: `${c.values.name} is in another region (${c.regionId}); an adviser works with councils of their own region`,
            received: id,
          });
        }
      }
      return errors;
    },
  ],
});
