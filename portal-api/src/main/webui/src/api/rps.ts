import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, type Schemas } from "./client";

export type MirrorStatus = Schemas["MirrorStatus"];
export type RpsCall = Schemas["RpsCall"];
export type ReconciliationReport = Schemas["ReconciliationReport"];
export type ReconciliationChange = Schemas["ReconciliationChange"];

export const rpsKeys = {
  status: (slug: string) => ["organization", slug, "rps"] as const,
  history: (slug: string, params: object) => ["organization", slug, "rps", "history", params] as const,
};

/** The organization's mirror at RPS, refreshed every 10 s while the page is open. */
export function useRpsStatus(slug: string) {
  return useQuery({
    queryKey: rpsKeys.status(slug),
    queryFn: async () => (await api.GET("/api/v1/organizations/{orgId}/rps", { params: { path: { orgId: slug } } })).data!,
    refetchInterval: 10_000,
    retry: false,
  });
}

/** RPS calls for the organization, newest first. */
export function useRpsHistory(slug: string, params: { page: number; size: number; mac?: string }) {
  return useQuery({
    queryKey: rpsKeys.history(slug, params),
    queryFn: async () =>
      (
        await api.GET("/api/v1/organizations/{orgId}/rps/history", {
          params: { path: { orgId: slug }, query: params.mac ? params : { page: params.page, size: params.size } },
        })
      ).data!,
    refetchInterval: 10_000,
    placeholderData: keepPreviousData,
  });
}

/** The resync's dry run: what a resync would change at RPS now (a mutation: it is run on demand, never refetched). */
export async function dryRun(slug: string): Promise<ReconciliationReport> {
  return (await api.GET("/api/v1/organizations/{orgId}/rps/reconciliation", { params: { path: { orgId: slug } } })).data!;
}

export async function resync(slug: string): Promise<ReconciliationReport> {
  return (await api.POST("/api/v1/organizations/{orgId}/rps/resync", { params: { path: { orgId: slug } } })).data!;
}
