import createClient, { type Middleware } from "openapi-fetch";
import { accessToken, signIn } from "../auth/session";
import { problemOf } from "./problem";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type Organization = Schemas["Organization"];
export type OrganizationInput = Schemas["OrganizationInput"];
export type AuthMode = NonNullable<OrganizationInput["provisioning"]["authMode"]>;
export type Device = Schemas["Device"];
export type DeviceInput = Schemas["DeviceInput"];
export type DeviceStatus = Schemas["DeviceStatus"];
export type Activity = Schemas["Activity"];
export type PhoneModel = Schemas["PhoneModel"];
export type PreviewFile = Schemas["PreviewFile"];

/** Sends the bearer token; turns every error answer into an ApiProblem thrown to the caller. */
const auth: Middleware = {
  async onRequest({ request }) {
    const token = accessToken();
    if (token) request.headers.set("Authorization", `Bearer ${token}`);
    return request;
  },
  async onResponse({ response }) {
    if (response.status === 401) {
      await signIn();
    }
    if (!response.ok) {
      throw await problemOf(response);
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

/** The ETag of a single-resource answer, sent back as If-Match on its update. */
export function etagOf(response: Response): string | undefined {
  return response.headers.get("ETag") ?? undefined;
}

/** Plain fetch for what the typed client does not model (CSV bodies), with the same token and error handling. */
export async function send(path: string, init: RequestInit): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = accessToken();
  if (token) headers.set("Authorization", `Bearer ${token}`);
  const response = await fetch(path, { ...init, headers });
  if (!response.ok) throw await problemOf(response);
  return response;
}
