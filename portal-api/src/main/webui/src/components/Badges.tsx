import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Device } from "../api/client";

const WHOLE = { label: { overflow: "visible" } }; // a badge's text is never cut off

/** Whether the phone has its current configuration, as the fleet view knows it. */
export function ConfigBadge({ state }: { state: Device["state"] }) {
  const { t } = useTranslation();
  const [color, text] = !state?.lastSeenAt
    ? ["gray", t("device.neverSeen")]
    : state.upToDate === true
      ? ["green", t("device.upToDate")]
      : state.upToDate === false
        ? ["yellow", t("device.pending")]
        : ["gray", t("fleet.noConfigYet")];
  return (
    <Badge color={color} styles={WHOLE} data-testid="config-state">
      {text}
    </Badge>
  );
}

/** A request's outcome: delivered in green, the normal 401 challenge in grey, anything else in red. */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  const color = outcome === "SUCCESS" || outcome === "NOT_MODIFIED" ? "green" : outcome === "NO_CREDENTIALS" ? "gray" : "red";
  return (
    <Badge size="sm" color={color} styles={WHOLE}>
      {outcome}
    </Badge>
  );
}

/** An audit entry's action: a deletion in red, anything else in blue. */
export function ActionBadge({ action }: { action: string }) {
  return (
    <Badge size="sm" variant="light" color={action === "delete" ? "red" : "blue"} styles={WHOLE}>
      {action}
    </Badge>
  );
}
