import * as z from 'zod/mini';
import '../zod-english.ts';
import { PARTY_ROLES, ROLES } from '../records/definition.ts';
import { PARTIES } from '../records/sign-offs.ts';

/**
 * A person (by verified email) or a machine client (by client id): their party, role and reach.
 * CEG people reach regions; a Taskforce mayor's office (role `council`) reaches its councils, and
 * its regions are those councils' regions (filled in when the entry is saved).
 */
export const directoryEntrySchema = z
  .strictObject({
    party: z.optional(z.enum(PARTIES, { error: 'expected ceg or taskforce' })),
    role: z.enum(ROLES, { error: `expected one of: ${ROLES.join(', ')}` }),
    regionIds: z.array(z.string().check(z.minLength(1))).check(z.maxLength(20)),
    councilIds: z.optional(z.array(z.string().check(z.minLength(1))).check(z.maxLength(20))),
    name: z.optional(z.string().check(z.maxLength(200))),
  })
  .check(
    z.superRefine((entry, ctx) => {
      const party = entry.party ?? 'ceg';
      if (!PARTY_ROLES[party].includes(entry.role)) {
        ctx.addIssue({
          code: 'custom',
          path: ['role'],
          message: `${party === 'ceg' ? 'CEG' : 'Taskforce'} people are ${PARTY_ROLES[party].join(' or ')}, not ${entry.role}`,
        });
      }
      if (entry.role === 'council' && !entry.councilIds?.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['councilIds'],
          message: "name the councils of this mayor's office",
        });
      }
      if (entry.role !== 'council' && entry.councilIds?.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['councilIds'],
          message: "only a mayor's office (role council) is tied to councils; leave councilIds out",
        });
      }
    }),
  );

export type DirectoryEntry = z.infer<typeof directoryEntrySchema> & {
  kind: DirectoryKind;
  key: string;
  updatedAt: string;
  updatedBy: string;
};

export type DirectoryKind = 'user' | 'client';

/**
 * The port for the user directory: verified identity → party, role and reach. Implemented in the
 * records table (functions/store/user-directory.ts) and in memory (memory-user-directory.ts).
 * People are keyed by email, case-insensitively.
 */
export interface UserDirectory {
  find(kind: DirectoryKind, key: string): Promise<DirectoryEntry | undefined>;
  /** Every person in the directory (not machine clients), for jobs that write to people. */
  listUsers(): Promise<DirectoryEntry[]>;
  put(
    kind: DirectoryKind,
    key: string,
    entry: z.infer<typeof directoryEntrySchema>,
    by: string,
  ): Promise<DirectoryEntry>;
  remove(kind: DirectoryKind, key: string): Promise<void>;
}

/** The entry as stored: people's emails lower-cased, stamped with who changed it and when. */
export function directoryEntry(
  kind: DirectoryKind,
  key: string,
  entry: z.infer<typeof directoryEntrySchema>,
  by: string,
): DirectoryEntry {
  return {
    ...entry,
    kind,
    key: normalisedKey(kind, key),
    updatedAt: new Date().toISOString(),
    updatedBy: by,
  };
}

export function normalisedKey(kind: DirectoryKind, key: string): string {
  return kind === 'user' ? key.toLowerCase() : key;
}
