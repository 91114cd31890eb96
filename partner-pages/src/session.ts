import { UserManager, WebStorageStateStore } from 'oidc-client-ts';

/**
 * Sign-in for the partner pages. In the cloud the operator names an OpenID Connect issuer
 * (Google or a council's Microsoft Entra ID) and the page signs in with the authorisation code
 * flow and PKCE through oidc-client-ts; the ID token it gets is what the API verifies. Locally,
 * npm start offers its development people instead. Tokens live in this tab's session storage
 * (gone when the tab closes), never in local storage.
 */

export interface DevPerson {
  label: string;
  email: string;
  token: string;
}

export interface SignInConfig {
  /** Where the API answers: empty for this origin. */
  apiBase: string;
  /** The operator's OpenID Connect issuer for people, when configured. */
  oidc?: { authority: string; clientId: string; scope?: string };
  /** Local runs only: the development people npm start signs in. */
  devPeople?: DevPerson[];
}

export interface Me {
  id: string;
  party?: 'ceg' | 'taskforce';
  role: string;
  regionIds: string[];
  councilIds?: string[];
}

/** An API refusal, with the problem's own words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problem?: { errors?: { field: string; message: string }[]; current?: unknown },
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const DEV_TOKEN_KEY = 'partnership-records:dev-token';

export class Session {
  private constructor(
    readonly config: SignInConfig,
    private readonly oidc: UserManager | undefined,
    private idToken: string | undefined,
  ) {}

  /** Reads sign-in.json beside the page and finishes a sign-in redirect if this is one. */
  static async start(): Promise<Session> {
    const response = await fetch(new URL('sign-in.json', document.baseURI));
    const config: SignInConfig = response.ok ? await response.json() : { apiBase: '' };
    let oidc: UserManager | undefined;
    let token = sessionStorage.getItem(DEV_TOKEN_KEY) ?? undefined;
    if (config.oidc) {
      const here = `${location.origin}${location.pathname}`;
      oidc = new UserManager({
        authority: config.oidc.authority,
        client_id: config.oidc.clientId,
        redirect_uri: here,
        post_logout_redirect_uri: here,
        response_type: 'code',
        scope: config.oidc.scope ?? 'openid email profile',
        userStore: new WebStorageStateStore({ store: window.sessionStorage }),
        stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
      });
      const params = new URLSearchParams(location.search);
      if (params.has('code') && params.has('state')) {
        const user = await oidc.signinRedirectCallback();
        // Back to the address the sign-in started from (which record or council), without the code.
        const search = typeof user.state === 'string' && user.state.startsWith('?') ? user.state : '';
        history.replaceState(null, '', `${location.pathname}${search}`);
        token = user.id_token;
      } else {
        const user = await oidc.getUser();
        if (user && !user.expired) token = user.id_token;
      }
    }
    return new Session(config, oidc, token);
  }

  get signedIn(): boolean {
    return this.idToken !== undefined;
  }

  get canUseOidc(): boolean {
    return this.oidc !== undefined;
  }

  async signInWithOidc(): Promise<void> {
    await this.oidc?.signinRedirect({ state: location.search });
  }

  /** Local runs: sign in as a development person (or with a pasted development token). */
  useDevelopmentToken(token: string): void {
    this.idToken = token.trim();
    sessionStorage.setItem(DEV_TOKEN_KEY, this.idToken);
  }

  async signOut(): Promise<void> {
    this.idToken = undefined;
    sessionStorage.removeItem(DEV_TOKEN_KEY);
    await this.oidc?.removeUser();
  }

  /** Calls the API as the signed-in person; a refusal becomes an ApiError with its words. */
  async api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.idToken) headers.authorization = `Bearer ${this.idToken}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.config.apiBase}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    const body = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      if (response.status === 401) await this.signOut();
      throw new ApiError(response.status, body?.detail ?? `The server answered ${response.status}.`, body);
    }
    return body as T;
  }
}
