import type { Named } from '../../../data/name-matching.ts';
import type { DigestPreview } from '../../../functions/digest/digest-preview-view.ts';
import { digestPreviewPage } from '../sheet/digest-preview-page.ts';
import { resolveName } from '../sheet/input-resolution.ts';
import { ApiClient } from './api-client.ts';
import type { Environment } from './ports.ts';
import { DocumentState } from './settings.ts';
import { UserFacingError } from './user-facing-error.ts';

/** What the dialog shows: its title, its page, and the preview it was made from. */
export interface DigestPreviewDialog {
  title: string;
  html: string;
  preview: DigestPreview;
}

/**
 * Staff see an LEC group's next digest before it goes: the group typed by name or id (names as
 * on the Lists tab, where the memberships' and actions' tabs put the groups), then the API's
 * preview of who gets it, why the others do not, and what the first one says. Nothing is sent.
 */
export function previewLecDigest(
  env: Environment,
  typed: string,
  lists: ReadonlyMap<string, readonly Named[]> = new Map(),
): DigestPreviewDialog {
  const settings = new DocumentState(env.documentStore).settings();
  if (!settings) {
    throw new UserFacingError(
      'Open Settings in the Partnership Records sidebar and enter the API address first.',
    );
  }
  const text = typed.trim();
  if (!text) {
    throw new UserFacingError(
      'Type the name or the id of an LEC group (as on the Lists tab), like "Buller Jobs Network" or lec-west-coast-1.',
    );
  }
  const group = resolveName(text, 'LEC group', lists.get('lec-group'));
  if ('problem' in group) throw new UserFacingError(`The LEC group: ${group.problem}.`);
  const preview = new ApiClient(env.http, settings.apiUrl, () => env.token()).digestPreview(
    String(group.value),
  );
  return {
    title: `Next digest of ${preview.groupName}`,
    html: digestPreviewPage(preview),
    preview,
  };
}
