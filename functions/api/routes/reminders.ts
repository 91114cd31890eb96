import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import type { DigestSubscriptions } from '../../digest/digest-settings-page.ts';
import { digestSettingsPage } from '../../digest/digest-settings-page.ts';
import { AccessDeniedError, BadRequestError, UnavailableError } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { OneClickUnsubscribe } from '../../links/email-kinds.ts';
import { BadLinkError, type SettingsLink, type SignedLinkCheck } from '../../links/signed-link-check.ts';
import {
  KIND_LABELS,
  type PreferencesChange,
  preferencesChangeSchema,
  REMINDER_KINDS,
  type ReminderPreferences,
  type ReminderSettings,
} from '../../reminders/kinds.ts';
import type { PreferenceStore } from '../../reminders/ports.ts';
import { preferencesPage, preferencesProblemPage } from '../../reminders/preferences-page.ts';
import { type AppEnv, readJson } from '../request.ts';
import type { RouteArea } from '../route-area.ts';

export interface ReminderRouteDependencies {
  links: SignedLinkCheck;
  preferences: PreferenceStore;
  /**
   * How one click turns off each other kind of email (the reminders' own switch is here). A new
   * kind in EMAIL_KINDS must bring its switch, or this does not compile.
   */
  unsubscribe?: Omit<OneClickUnsubscribe, 'reminders' | 'digest'>;
  /** The LEC digests' unsubscribes, per member and group (their links name the group). */
  digest?: DigestSubscriptions;
}

/** Every reminder kind off: what one click on a reminder email's unsubscribe means. */
const ALL_REMINDERS_OFF: PreferencesChange = Object.fromEntries(REMINDER_KINDS.map((k) => [k, 'off']));

class RemindersUnavailableError extends UnavailableError {
  constructor() {
    super(
      'Reminder settings are not available on this server: reminders are not set up here (in the cloud, the stack needs the reminderSender setting; see docs/deploy.md).',
    );
  }
}

function requirePerson(p: Principal): string {
  if (p.kind !== 'user') {
    throw new AccessDeniedError('Reminder settings belong to people; a machine client has none.');
  }
  return p.id.toLowerCase();
}

function parseChange(input: unknown): PreferencesChange {
  const parsed = preferencesChangeSchema.safeParse(input);
  if (!parsed.success) {
    throw new BadRequestError(
      `Send the kinds to change with daily, weekly or off, like {"actions": "weekly"}. Kinds: ${REMINDER_KINDS.join(', ')}.`,
      parsed.error.issues.map((i) => ({
        field: i.path.join('.') || 'body',
        message: i.code === 'unrecognized_keys' ? `unknown kind(s): ${i.keys.join(', ')}` : i.message,
      })),
    );
  }
  return parsed.data;
}

function describe(email: string, preferences: ReminderPreferences): ReminderSettings {
  return {
    email,
    preferences,
    kinds: REMINDER_KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind], cadence: preferences[kind] })),
  };
}

/**
 * Reminder settings: for signed-in people through the API (the add-on's settings use it), and
 * through the signed link in every email, which needs no sign-in and reaches only its own person.
 */
export function remindersArea(deps: ReminderRouteDependencies | undefined): RouteArea {
  const app = new Hono<AppEnv>();
  const need = (): ReminderRouteDependencies => {
    if (!deps) throw new RemindersUnavailableError();
    return deps;
  };
  const needDigest = (): DigestSubscriptions => {
    if (!need().digest) throw new RemindersUnavailableError();
    return need().digest!;
  };

  app.get('/v1/me/reminder-preferences', async (c) => {
    const email = requirePerson(c.get('principal'));
    return c.json(describe(email, await need().preferences.get(email)));
  });

  app.put('/v1/me/reminder-preferences', async (c) => {
    const email = requirePerson(c.get('principal'));
    const change = parseChange(await readJson(c, 4 * 1024));
    return c.json(describe(email, await need().preferences.update(email, change, email)));
  });

  // The page behind the link: no sign-in, the token names the person.
  const withToken = async (
    c: Context,
    token: string | undefined,
  ): Promise<(SettingsLink & { problem?: undefined }) | { problem: Response }> => {
    if (!token) {
      return {
        problem: c.html(
          preferencesProblemPage(
            'This link is missing its token. Use the whole link from your latest reminder email.',
          ),
          400,
        ),
      };
    }
    try {
      return await need().links.verifySettings(token);
    } catch (error) {
      if (error instanceof BadLinkError) {
        return { problem: c.html(preferencesProblemPage(error.message), error.expired ? 410 : 400) };
      }
      throw error;
    }
  };

  // A GET changes nothing, whoever follows the link (mail scanners follow links in mail).
  app.get('/reminders/preferences', async (c) => {
    const token = c.req.query('token');
    const link = await withToken(c, token);
    if (link.problem) return link.problem;
    if (link.kind === 'digest') {
      const digest = needDigest();
      const groupId = link.scope!;
      const name = (await digest.groupName(groupId)) ?? 'LEC group';
      const off = await digest.isUnsubscribed(link.email, groupId);
      return c.html(digestSettingsPage(link.email, name, token!, off ? 'unsubscribed' : 'subscribed'));
    }
    return c.html(preferencesPage(link.email, await need().preferences.get(link.email), token!));
  });

  // The settings form, and RFC 8058's one-click unsubscribe: the mail client POSTs
  // `List-Unsubscribe=One-Click` to the address in the email's List-Unsubscribe header, with no
  // cookie and no sign-in; the token in that address names the person and the kind of email.
  app.post('/reminders/preferences', async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token : c.req.query('token');
    const link = await withToken(c, token);
    if (link.problem) return link.problem;
    const { email, kind } = link;
    const by = `link:${email}`;
    if (form['List-Unsubscribe'] === 'One-Click') {
      const { preferences, unsubscribe } = need();
      const switches: OneClickUnsubscribe = {
        ...unsubscribe,
        reminders: async (who, by) => void (await preferences.update(who, ALL_REMINDERS_OFF, by)),
        digest: async (who, by, groupId) => needDigest().unsubscribe(who, groupId!, by),
      };
      await switches[kind](email, by, link.scope);
      if (kind === 'digest') {
        const name = (await needDigest().groupName(link.scope!)) ?? 'LEC group';
        return c.html(digestSettingsPage(email, name, token!, 'just-unsubscribed'));
      }
      return c.html(preferencesPage(email, await preferences.get(email), token!, 'unsubscribed'));
    }
    const { token: _token, ...choices } = form;
    const parsed = preferencesChangeSchema.safeParse(choices);
    if (!parsed.success) {
      return c.html(preferencesProblemPage('Choose daily, weekly or off for each kind of reminder.'), 400);
    }
    const saved = await need().preferences.update(email, parsed.data, by);
    return c.html(preferencesPage(email, saved, token!, 'saved'));
  });

  return { name: 'reminders', prefix: '/', routes: app };
}
