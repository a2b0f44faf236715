import { InMemoryWebStorage, User, UserManager, WebStorageStateStore } from "oidc-client-ts";

/** What portal-api tells the console about its login (GET /api/v1/console/config). */
export interface ConsoleConfig {
  authority: string;
  clientId: string;
}

export type Role = "operator" | "partner-admin" | "partner-viewer" | "org-admin" | "org-viewer";

/** The signed-in user as the console needs it: who, which roles, which partner or organization. */
export interface Session {
  name: string;
  roles: Role[];
  partnerId?: string;
  orgId?: string;
}

const CALLBACK = "callback";
export const consoleBase = `${window.location.origin}/console/`;

let manager: UserManager | undefined;
let current: User | null = null;

/**
 * Tokens live in memory only (a reload signs in again through Keycloak's session, without a prompt); only the
 * short-lived PKCE state of a login in progress is kept in sessionStorage, because it must survive the redirect.
 */
export function createUserManager(config: ConsoleConfig): UserManager {
  manager = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: consoleBase + CALLBACK,
    post_logout_redirect_uri: consoleBase,
    response_type: "code",
    scope: "openid",
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: true,
  });
  manager.events.addUserLoaded((user) => {
    current = user;
  });
  manager.events.addUserUnloaded(() => {
    current = null;
  });
  manager.events.addSilentRenewError(() => void signIn());
  return manager;
}

/** Finishes a login coming back from Keycloak, or starts one; resolves only when signed in. */
export async function ensureSignedIn(): Promise<User> {
  const um = requireManager();
  const url = new URL(window.location.href);
  if (url.pathname === new URL(consoleBase).pathname + CALLBACK && url.searchParams.has("state")) {
    const user = await um.signinRedirectCallback();
    current = user;
    const returnTo = (user.state as { returnTo?: string } | undefined)?.returnTo ?? "/console/";
    window.history.replaceState(null, "", returnTo);
    return user;
  }
  const user = await um.getUser();
  if (user && !user.expired) {
    current = user;
    return user;
  }
  await signIn();
  return new Promise<User>(() => {}); // the browser is leaving for the login page
}

export async function signIn(): Promise<void> {
  const here = window.location.pathname + window.location.search;
  await requireManager().signinRedirect({ state: { returnTo: here.startsWith("/console/") ? here : "/console/" } });
}

export async function signOut(): Promise<void> {
  await requireManager().signoutRedirect({ id_token_hint: current?.id_token });
}

export function accessToken(): string | undefined {
  return current?.access_token;
}

export function sessionOf(user: User): Session {
  const claims = decodeJwtPayload(user.access_token);
  const realmRoles = (claims.realm_access as { roles?: string[] } | undefined)?.roles ?? [];
  const known: Role[] = ["operator", "partner-admin", "partner-viewer", "org-admin", "org-viewer"];
  const roles = known.filter((r) => realmRoles.includes(r) || (r === "operator" && realmRoles.includes("platform-admin")));
  return {
    name: String(claims.preferred_username ?? claims.sub ?? ""),
    roles,
    partnerId: typeof claims.partner_id === "string" ? claims.partner_id : undefined,
    orgId: typeof claims.org_id === "string" ? claims.org_id : undefined,
  };
}

export function decodeJwtPayload(jwt: string): Record<string, unknown> {
  const part = jwt.split(".")[1] ?? "";
  const base64 = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

function requireManager(): UserManager {
  if (!manager) throw new Error("createUserManager was not called");
  return manager;
}
