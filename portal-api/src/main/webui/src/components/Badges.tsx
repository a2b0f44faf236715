import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Device } from "../api/client";

/** Whether the phone has its current configuration, as the fleet view knows it. */
export function ConfigBadge({ state }: { state: Device["state"] }) {
  const { t } = useTranslation();
  if (!state?.lastSeenAt) return <Badge color="gray" data-testid="config-state">{t("device.neverSeen")}</Badge>;
  if (state.upToDate === true) return <Badge color="green" data-testid="config-state">{t("device.upToDate")}</Badge>;
  if (state.upToDate === false) return <Badge color="yellow" data-testid="config-state">{t("device.pending")}</Badge>;
  return <Badge color="gray" data-testid="config-state">{t("fleet.noConfigYet")}</Badge>;
}

/** A request's outcome: delivered in green, the normal 401 challenge in grey, anything else in red. */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  const color = outcome === "SUCCESS" || outcome === "NOT_MODIFIED" ? "green" : outcome === "NO_CREDENTIALS" ? "gray" : "red";
  return (
    <Badge size="sm" color={color} styles={{ label: { overflow: "visible" } }}>
      {outcome}
    </Badge>
  );
}
