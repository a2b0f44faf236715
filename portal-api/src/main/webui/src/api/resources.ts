import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, etagOf, send, type Schemas } from "./client";
import { useBlobUrl } from "./images";
import { withAssignment } from "../lib/deviceInput";

// Phonebooks, media and global XML of one organization (the pages under /o/{slug}/phonebooks, media, global-xml).

export type Phonebook = Schemas["Phonebook"];
export type Contact = Schemas["Contact"];
export type ContactInput = Schemas["ContactInput"];
export type Media = Schemas["Media"];
export type MediaKind = NonNullable<Media["kind"]>;
export type GlobalXml = Schemas["GlobalXml"];

export const resourceKeys = {
  phonebooks: (slug: string) => ["organization", slug, "phonebooks"] as const,
  phonebook: (slug: string, id: number) => ["organization", slug, "phonebooks", id] as const,
  contacts: (slug: string, id: number, params: object) => ["organization", slug, "phonebooks", id, "contacts", params] as const,
  readers: (slug: string, id: number, page: number) => ["organization", slug, "devices", { phonebook: id, page }] as const,
  media: (slug: string) => ["organization", slug, "media"] as const,
  globalXml: (slug: string) => ["organization", slug, "global-xml"] as const,
};

export { etagOfVersion } from "../lib/deviceInput";

export function usePhonebooks(slug: string, page: number) {
  return useQuery({
    queryKey: [...resourceKeys.phonebooks(slug), { page }],
    queryFn: async () =>
      (await api.GET("/api/v1/organizations/{orgId}/phonebooks", { params: { path: { orgId: slug }, query: { page, size: 50, sort: "name,asc" } } })).data!,
    placeholderData: keepPreviousData,
  });
}

export function usePhonebook(slug: string, id: number) {
  return useQuery({
    queryKey: resourceKeys.phonebook(slug, id),
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/organizations/{orgId}/phonebooks/{id}", { params: { path: { orgId: slug, id } } });
      return { phonebook: data!, etag: etagOf(response) };
    },
  });
}

export function useContacts(slug: string, id: number, params: { page: number; q?: string }) {
  return useQuery({
    queryKey: resourceKeys.contacts(slug, id, params),
    queryFn: async () =>
      (await api.GET("/api/v1/organizations/{orgId}/phonebooks/{id}/contacts", {
        params: { path: { orgId: slug, id }, query: { page: params.page, size: 50, sort: "name,asc", q: params.q || undefined } },
      })).data!,
    placeholderData: keepPreviousData,
  });
}

/**
 * The phonebook's contacts as the API's CSV export (streamed by the server); progress counts the lines received
 * against the phonebook's contact count.
 */
export async function exportContacts(slug: string, id: number, total: number, onProgress: (done: number, total: number) => void): Promise<Blob> {
  const response = await send(`/api/v1/organizations/${encodeURIComponent(slug)}/phonebooks/${id}/contacts/export`, {
    headers: { Accept: "text/csv" },
  });
  const reader = response.body!.getReader();
  const chunks: Uint8Array[] = [];
  let lines = -1; // the header
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    for (const b of value) if (b === 10) lines++;
    onProgress(Math.max(lines, 0), total);
  }
  return new Blob(chunks as BlobPart[], { type: "text/csv" });
}

/** The devices that may read a phonebook (the fleet list filtered by it). */
export function usePhonebookReaders(slug: string, id: number, page: number) {
  return useQuery({
    queryKey: resourceKeys.readers(slug, id, page),
    queryFn: async () =>
      (await api.GET("/api/v1/organizations/{orgId}/devices", {
        params: { path: { orgId: slug }, query: { phonebook: String(id), page, size: 20, sort: "mac,asc" } },
      })).data!,
    placeholderData: keepPreviousData,
  });
}

/**
 * Lets a device read a phonebook, or stops it: the device is read with its ETag and written back with its phonebook
 * list changed and everything else as it was (passwords left out are kept), under If-Match.
 */
export async function setDeviceReads(slug: string, mac: string, phonebookId: number, reads: boolean): Promise<void> {
  const { data: device, response } = await api.GET("/api/v1/organizations/{orgId}/devices/{mac}", { params: { path: { orgId: slug, mac } } });
  const current = device!.phonebookIds ?? [];
  const phonebookIds = reads ? [...current.filter((p) => p !== phonebookId), phonebookId] : current.filter((p) => p !== phonebookId);
  await api.PUT("/api/v1/organizations/{orgId}/devices/{mac}", {
    params: { path: { orgId: slug, mac: device!.mac! }, header: { "If-Match": etagOf(response) } },
    body: withAssignment(device!, { phonebookIds }),
  });
}

export function useMedia(slug: string) {
  return useQuery({
    queryKey: resourceKeys.media(slug),
    queryFn: async () =>
      (await api.GET("/api/v1/organizations/{orgId}/media", { params: { path: { orgId: slug }, query: { size: 500, sort: "name,asc" } } })).data!,
  });
}

/** A media file's bytes as a blob: URL, fetched again when the file changes (its version is in the path). */
export function useMediaUrl(slug: string, media: Media | undefined): { url?: string; error?: unknown } {
  const { url, error } = useBlobUrl(
    media?.name
      ? `/api/v1/organizations/${encodeURIComponent(slug)}/media/${encodeURIComponent(media.name)}?v=${media.version}`
      : null,
  );
  return { url: url ?? undefined, error: error ?? undefined };
}

export function useGlobalXml(slug: string) {
  return useQuery({
    queryKey: resourceKeys.globalXml(slug),
    queryFn: async () =>
      (await api.GET("/api/v1/organizations/{orgId}/global-xml", { params: { path: { orgId: slug }, query: { size: 500, sort: "name,asc" } } })).data!,
  });
}
