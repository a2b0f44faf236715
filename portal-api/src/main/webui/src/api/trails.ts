import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "./client";
import { clean, keys } from "./queries";

export type AuditEntry = Schemas["AuditEntry"];
export type SecurityEvent = Schemas["SecurityEvent"];
export type DeviceQuota = Schemas["DeviceQuota"];

export interface AuditParams {
  page: number;
  size: number;
  username?: string;
  action?: string;
}

export interface SecurityEventParams {
  page: number;
  size: number;
  clientIp?: string;
  outcome?: string;
}

/** An organization's audit trail, or the whole one (no slug: the operator's), newest first. */
export function useAudit(slug: string | undefined, params: AuditParams) {
  return useQuery({
    queryKey: slug ? ["organization", slug, "audit", params] : ["audit", params],
    queryFn: async () =>
      slug
        ? (await api.GET("/api/v1/organizations/{orgId}/audit", { params: { path: { orgId: slug }, query: clean(params) } })).data!
        : (await api.GET("/api/v1/audit", { params: { query: clean(params) } })).data!,
    placeholderData: keepPreviousData,
  });
}

/** An organization's security events, or every one (no slug: the operator's), newest minute first; refreshed. */
export function useSecurityEvents(slug: string | undefined, params: SecurityEventParams) {
  return useQuery({
    queryKey: slug ? ["organization", slug, "security-events", params] : ["security-events", params],
    queryFn: async () =>
      slug
        ? (await api.GET("/api/v1/organizations/{orgId}/security-events", { params: { path: { orgId: slug }, query: clean(params) } })).data!
        : (await api.GET("/api/v1/security-events", { params: { query: clean(params) } })).data!,
    refetchInterval: 15_000,
    placeholderData: keepPreviousData,
  });
}

export function useDeviceQuota(slug: string) {
  return useQuery({
    queryKey: ["organization", slug, "device-quota"],
    queryFn: async () => (await api.GET("/api/v1/organizations/{orgId}/device-quota", { params: { path: { orgId: slug } } })).data!,
  });
}

/** Sets the organization's device limit (null: none of its own); its partner's admins and the operator only. */
export function useSetDeviceQuota(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (maxDevices: number | null) =>
      (await api.PUT("/api/v1/organizations/{orgId}/device-quota", { params: { path: { orgId: slug } }, body: { maxDevices: maxDevices ?? undefined } })).data!,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.organization(slug) }),
  });
}
