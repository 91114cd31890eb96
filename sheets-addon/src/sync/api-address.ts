import { UserFacingError } from './user-facing-error.ts';

/**
 * The API address a spreadsheet may use. A published add-on can fetch only the URL prefixes of
 * its manifest's `urlFetchWhitelist`, and it runs on Google's servers, so an address outside the
 * allow-list, or on this computer, would only fail later with Google's own wording. Checking it
 * here says who can change it.
 */

export interface BuildFacts {
  /** The manifest's `urlFetchWhitelist` (URL prefixes). */
  allowList: readonly string[];
  /** False only for a local test build. */
  deployed: boolean;
}

const LOCAL_HOSTS = /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/i;

/** Whether Apps Script would fetch this URL under the allow-list (prefix match, as Google does). */
export function isAllowed(url: string, allowList: readonly string[]): boolean {
  return allowList.some((prefix) => url.startsWith(prefix) || `${url}/` === prefix);
}

function listed(allowList: readonly string[]): string {
  return allowList.map((p) => p.replace(/\/$/, '')).join(' or ');
}

/** Problems with an API address under this build, in words that say who can change what. */
export function apiAddressProblems(apiUrl: string, build: BuildFacts): string[] {
  if (build.deployed && LOCAL_HOSTS.test(apiUrl)) {
    return [
      `The add-on runs on Google's servers, which cannot reach ${apiUrl} on your own computer. Use the API's public address${build.allowList.length ? ` (${listed(build.allowList)})` : ''}.`,
    ];
  }
  if (!isAllowed(`${apiUrl}/`, build.allowList)) {
    return [
      `This add-on may only reach ${listed(build.allowList) || 'no address at all'}, the API address it was built with. Use that address, or, if the API has moved, ask whoever publishes the add-on for your organisation (your Partnership Records administrator) to rebuild it with the new address (ADDON_API_ORIGIN) and publish a new version.`,
    ];
  }
  return [];
}

/** Thrown before fetching an address the manifest does not allow (settings saved under an older build, say). */
export class AddressNotAllowedError extends UserFacingError {
  constructor(url: string, build: BuildFacts) {
    // Apps Script has no URL class: the origin by pattern.
    const origin = /^[a-z]+:\/\/[^/?#]+/i.exec(url)?.[0] ?? url;
    const why = apiAddressProblems(origin, build)[0] ?? `${url} is outside the add-on's allow-list.`;
    super(`Partnership Records did not call ${origin}. ${why} Then correct the API address in Settings.`);
    this.name = 'AddressNotAllowedError';
  }
}
