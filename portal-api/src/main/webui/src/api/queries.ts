import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, etagOf } from "./client";

/** Query keys, one tree per organization so a change inside it can invalidate exactly its part. */
export const keys = {
  organizations: (params: object) => ["organizations", params] as const,
  organization: (slug: string) => ["organization", slug] as const,
  devices: (slug: string, params: object) => ["organization", slug, "devices", params] as const,
  device: (slug: string, mac: string) => ["organization", slug, "device", mac] as const,
  status: (slug: string, mac: string) => ["organization", slug, "device", mac, "status"] as const,
  preview: (slug: string, mac: string) => ["organization", slug, "device", mac, "preview"] as const,
  activity: (slug: string, params: object) => ["organization", slug, "activity", params] as const,
  models: ["models"] as const,
};

export interface ListParams {
  page: number;
  size: number;
  sort?: string;
  q?: string;
}

export function useOrganizations(params: ListParams & { partner?: string }) {
  return useQuery({
    queryKey: keys.organizations(params),
    queryFn: async () => (await api.GET("/api/v1/organizations", { params: { query: clean(params) } })).data!,
    placeholderData: keepPreviousData,
  });
}

/** An organization with its ETag (sent back as If-Match when it is saved). */
export function useOrganization(slug: string) {
  return useQuery({
    queryKey: keys.organization(slug),
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/organizations/{orgId}", {
        params: { path: { orgId: slug } },
      });
      return { organization: data!, etag: etagOf(response) };
    },
  });
}

/** The fleet view's filters (GET …/devices); every one is optional and they combine. */
export interface DeviceListParams extends ListParams {
  model?: string;
  firmware?: string;
  seenAfter?: string;
  seenBefore?: string;
  neverSeen?: string;
  pending?: string;
  outcome?: string;
  rps?: string;
}

export function useDevices(slug: string, params: DeviceListParams) {
  return useQuery({
    queryKey: keys.devices(slug, params),
    queryFn: async () =>
      (await api.GET("/api/v1/organizations/{orgId}/devices", { params: { path: { orgId: slug }, query: clean(params) } }))
        .data!,
    placeholderData: keepPreviousData,
  });
}

/** The most devices "select all matching" takes: 20 pages of 500; beyond it the filter has to narrow the fleet. */
export const ALL_MATCHING_LIMIT = 10_000;

/**
 * Every device the list's filters match (MAC and the version the list shows, for If-Match), page by page in the list's
 * order; at most {@link ALL_MATCHING_LIMIT}.
 */
export async function matchingDevices(slug: string, params: Omit<DeviceListParams, "page" | "size">,
  onProgress: (done: number, total: number) => void): Promise<{ mac: string; version?: number }[]> {
  const found: { mac: string; version?: number }[] = [];
  for (let page = 0; found.length < ALL_MATCHING_LIMIT; page++) {
    const data = (await api.GET("/api/v1/organizations/{orgId}/devices", {
      params: { path: { orgId: slug }, query: clean({ ...params, page, size: 500 }) },
    })).data!;
    data.items!.forEach((d) => found.push({ mac: d.mac!, version: d.version }));
    onProgress(found.length, Math.min(data.totalItems ?? 0, ALL_MATCHING_LIMIT));
    if (page + 1 >= (data.totalPages ?? 0)) break;
  }
  return found.slice(0, ALL_MATCHING_LIMIT);
}

export function useDevice(slug: string, mac: string) {
  return useQuery({
    queryKey: keys.device(slug, mac),
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/organizations/{orgId}/devices/{mac}", {
        params: { path: { orgId: slug, mac } },
      });
      return { device: data!, etag: etagOf(response) };
    },
  });
}

export function useDeviceStatus(slug: string, mac: string) {
  return useQuery({
    queryKey: keys.status(slug, mac),
    queryFn: async () =>
      (await api.GET("/api/v1/organizations/{orgId}/devices/{mac}/status", { params: { path: { orgId: slug, mac } } }))
        .data!,
    refetchInterval: 10_000,
  });
}

export function useDevicePreview(slug: string, mac: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.preview(slug, mac),
    queryFn: async () =>
      (await api.GET("/api/v1/organizations/{orgId}/devices/{mac}/preview", { params: { path: { orgId: slug, mac } } }))
        .data!,
    enabled,
  });
}

export interface ActivityParams {
  page: number;
  size: number;
  mac?: string;
  outcome?: string;
}

/** Newest first; refreshed every 5 s while the page is open, so new fetches appear on their own. */
export function useActivity(slug: string, params: ActivityParams) {
  return useQuery({
    queryKey: keys.activity(slug, params),
    queryFn: async () =>
      (await api.GET("/api/v1/organizations/{orgId}/activity", { params: { path: { orgId: slug }, query: clean(params) } }))
        .data!,
    refetchInterval: 5_000,
    placeholderData: keepPreviousData,
  });
}

/** The partner the caller works under, for the header: its console name and logo (none for the operator). */
export function useBranding() {
  return useQuery({
    queryKey: ["branding"],
    queryFn: async () => (await api.GET("/api/v1/console/branding")).data!,
    staleTime: 5 * 60_000,
  });
}

export function useModels() {
  return useQuery({
    queryKey: keys.models,
    queryFn: async () => (await api.GET("/api/v1/models", { params: { query: { size: 500 } } })).data!.items ?? [],
    staleTime: Infinity,
  });
}

/** Drops empty filters, so `?q=` is never sent and equal filters share a cache entry. */
export function clean<T extends object>(params: T): T {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== "")) as T;
}
