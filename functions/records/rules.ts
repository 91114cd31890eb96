import type { FieldError, Rule, RuleContext, Values } from './definition.ts';

/**
 * The rules the two source documents set, written once and attached to the record types they
 * govern. Each refusal says what the rule is and what to do about it.
 */

/** Rule 2: CEG work applies only to the councils of Taskforce members. */
export function requireTaskforceMember(councilField = 'councilId', what = 'this work'): Rule {
  return async (values, ctx) => {
    const councilId = values[councilField] as string | undefined;
    if (!councilId) return [];
    const council = await ctx.get('council', councilId);
    if (!council || council.deletedAt) return [];
    if (council.values.taskforceMember === true) return [];
    return [
      {
        field: councilField,
        message: `${council.values.name} is not a Mayors Taskforce for Jobs member council, so CEG cannot record ${what} for it. CEG work applies only to councils of Taskforce members; CEG does not recruit mayors into the Taskforce (a national user records membership on the council).`,
        received: councilId,
      },
    ];
  };
}

/** Rule 5: clear expectations come first, so no strategy goes active without an agreed agreement. */
export const requireAgreedAgreementWhenActive: Rule = async (values, ctx) => {
  if (values.status !== 'active') return [];
  const councilId = values.councilId as string;
  const agreements = await ctx.listForCouncil('agreement', councilId);
  if (agreements.some((a) => a.values.status === 'agreed')) return [];
  return [
    {
      field: 'status',
      message:
        'a strategy cannot be active before the mayor and the adviser have agreed expectations: record an agreement with status "agreed" for this council first, or keep the strategy "proposed"',
      received: values.status,
    },
  ];
};

/** Every reference must point at an existing, undeleted record of the right type. */
export function requireReferencesExist(fields: { name: string; refType: string; many: boolean }[]): Rule {
  return async (values, ctx) => {
    const errors: FieldError[] = [];
    for (const field of fields) {
      const raw = values[field.name];
      if (raw === undefined) continue;
      const ids = field.many ? (raw as string[]) : [raw as string];
      for (const id of ids) {
        const found = await ctx.get(field.refType, id);
        if (!found || found.deletedAt) {
          errors.push({
            field: field.name,
            message: `there is no ${field.refType.replace(/-/g, ' ')} with id "${id}"; choose one from the list`,
            received: id,
          });
        }
      }
    }
    return errors;
  };
}

/** A council named beside a region must be one of that region's councils. */
export function requireCouncilInRegion(councilField = 'councilId', regionField = 'regionId'): Rule {
  return async (values, ctx) => {
    const councilId = values[councilField] as string | undefined;
    if (!councilId) return [];
    const council = await ctx.get('council', councilId);
    if (!council || council.deletedAt || council.regionId === values[regionField]) return [];
    return [
      {
        field: councilField,
        message: `${council.values.name} is in another region (${council.regionId}), not ${values[regionField]}; choose one of the region's councils or leave it empty`,
        received: councilId,
      },
    ];
  };
}

/** A later date must not come before an earlier one. */
export function dateOrder(earlier: string, later: string, words: string): (values: Values) => FieldError[] {
  return (values) => {
    const a = values[earlier] as string | undefined;
    const b = values[later] as string | undefined;
    if (a && b && b < a) return [{ field: later, message: `${words} (${b} is before ${a})`, received: b }];
    return [];
  };
}

/** A field that must be present when another field has a given value. */
export function requiredWhen(field: string, when: (values: Values) => boolean, message: string) {
  return (values: Values): FieldError[] =>
    when(values) && (values[field] === undefined || values[field] === '')
      ? [{ field, message, received: values[field] }]
      : [];
}

/** A part that cannot exceed its whole (young people among all people, say). */
export function notMoreThan(part: string, whole: string, words: string) {
  return (values: Values): FieldError[] => {
    const p = values[part] as number | undefined;
    const w = values[whole] as number | undefined;
    if (p !== undefined && w !== undefined && p > w) {
      return [{ field: part, message: `${words} (${p} is more than ${w})`, received: p }];
    }
    return [];
  };
}

export function combine(...checks: ((values: Values) => FieldError[])[]) {
  return (values: Values): FieldError[] => checks.flatMap((check) => check(values));
}

/**
 * A person field (an owner, say) must name someone the system can reach who may also see the
 * record: a directory user with the region, or an adviser or member-organisation contact of it.
 * `regionOf` finds the record's region from its values (through its LEC group, say).
 */
export function requireReachablePerson(
  field: string,
  regionOf: (values: Values, ctx: RuleContext) => Promise<string | undefined>,
): Rule {
  return async (values, ctx) => {
    const email = values[field] as string | undefined;
    if (!email || !ctx.findPerson) return [];
    const regionId = await regionOf(values, ctx);
    if (!regionId) return [];
    const found = await ctx.findPerson(email, regionId);
    if (!found) {
      return [
        {
          field,
          message: `nobody with the email ${email} is known for region "${regionId}": choose an adviser, a staff member with access to the region, or the contact of a member organisation (give the membership the representative's email first)`,
          received: email,
        },
      ];
    }
    if (!found.canSee) {
      return [
        {
          field,
          message: `${found.name ?? found.email} cannot see records of region "${regionId}", so they could not be told about this one: choose someone with access to the region, or ask for their access to be widened`,
          received: email,
        },
      ];
    }
    return [];
  };
}
