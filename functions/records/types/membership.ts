import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { boolean, date, email, oneOf, ref, text } from '../fields.ts';
import { combine, requiredWhen } from '../rules.ts';

/** How a representative gave consent to the LEC digest (Unsolicited Electronic Messages Act 2007, s 9). */
export const CONSENT_METHODS = ['in-person', 'email', 'form'] as const;

/** An organisation's place in an LEC group, and how firmly its senior management is committed. */
export const membership = defineRecord({
  type: 'membership',
  path: 'memberships',
  label: 'Membership',
  pluralLabel: 'Memberships',
  description:
    "An organisation's membership of an LEC group: senior management commitment and whether it is in the business plan.",
  schema: () =>
    z.object({
      lecGroupId: ref('lec-group', { title: 'LEC group', help: 'The group joined' }),
      organisationId: ref('organisation', { title: 'Organisation', help: 'The member organisation' }),
      representative: z.optional(text({ title: 'Representative', help: 'Who attends for the organisation' })),
      representativeEmail: z.optional(
        email({
          title: 'Representative email',
          help: 'How to reach the representative; lets them own actions and be reminded of them',
        }),
      ),
      seniorCommitment: boolean({
        title: 'Senior management committed',
        help: 'Senior management has committed to the LEC process',
      }),
      inBusinessPlan: boolean({
        title: 'In business plan',
        help: 'The commitment is written into the organisation\u2019s business plan',
      }),
      joinedOn: z.optional(date({ title: 'Joined on', help: 'When it joined (YYYY-MM-DD)' })),
      digestConsentOn: z.optional(
        date({
          title: 'Digest consent given on',
          help: 'When the representative agreed to receive the LEC group digest by email (YYYY-MM-DD)',
        }),
      ),
      digestConsentHow: z.optional(
        oneOf(CONSENT_METHODS, {
          title: 'Digest consent given',
          help: 'How they agreed: in-person (at a meeting), email (a reply you keep) or form (a signed or online form)',
        }),
      ),
      digestConsentWithdrawnOn: z.optional(
        date({
          title: 'Digest consent withdrawn on',
          help: 'When they asked to stop receiving the digest (YYYY-MM-DD); no digest is sent from then on',
        }),
      ),
    }),
  scope: { field: 'lecGroupId' },
  naturalId: (v) => `${v.lecGroupId}--${v.organisationId}`,
  refine: combine(
    (v) =>
      v.inBusinessPlan && !v.seniorCommitment
        ? [
            {
              field: 'inBusinessPlan',
              message:
                'a commitment in the business plan needs senior management\u2019s commitment first: tick that too, or untick this',
              received: true,
            },
          ]
        : [],
    requiredWhen(
      'digestConsentHow',
      (v) => v.digestConsentOn !== undefined,
      'say how consent was given (in-person, email or form): the law asks that we can show it',
    ),
    requiredWhen(
      'digestConsentOn',
      (v) => v.digestConsentHow !== undefined,
      'give the date consent was given (YYYY-MM-DD)',
    ),
    requiredWhen(
      'representativeEmail',
      (v) => v.digestConsentOn !== undefined,
      'the digest needs the representative\u2019s email address',
    ),
  ),
});

/**
 * Whether a membership's representative currently consents to the digest: consent recorded, and
 * not withdrawn on or after the day it was given (a later consent after a withdrawal counts again).
 */
export function consentsToDigest(values: {
  digestConsentOn?: string;
  digestConsentWithdrawnOn?: string;
  representativeEmail?: string;
}): boolean {
  if (!values.digestConsentOn || !values.representativeEmail) return false;
  return !values.digestConsentWithdrawnOn || values.digestConsentWithdrawnOn < values.digestConsentOn;
}
