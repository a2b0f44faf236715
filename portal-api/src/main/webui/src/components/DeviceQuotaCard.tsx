import { Button, Card, Group, NumberInput, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDeviceQuota, useSetDeviceQuota } from "../api/trails";
import { usePermissions } from "../auth/SessionContext";
import { Problem, fieldError } from "./Problem";

/**
 * The organization's device limit, which its partner sets: everyone who reads the organization sees it with the
 * devices it holds; the operator and partner admins change it (an empty field removes it).
 */
export function DeviceQuotaCard({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const { managesOrganizations } = usePermissions();
  const quota = useDeviceQuota(slug);
  const save = useSetDeviceQuota(slug);
  const [limit, setLimit] = useState<string | number>("");
  const [editing, setEditing] = useState(false);
  const current = quota.data;
  return (
    <Card withBorder data-testid="device-quota">
      <Title order={3} size="h5" mb="xs">
        {t("quota.title")}
      </Title>
      <Problem error={quota.error} />
      {current && (
        <Text size="sm" role="status">
          {current.maxDevices == null
            ? t("quota.unlimited", { devices: current.devices })
            : t("quota.used", { devices: current.devices, max: current.maxDevices })}
        </Text>
      )}
      {managesOrganizations && current && !editing && (
        <Group mt="xs">
          <Button variant="default" size="compact-sm" onClick={() => { setLimit(current.maxDevices ?? ""); setEditing(true); }}>
            {t("quota.change")}
          </Button>
        </Group>
      )}
      {editing && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(limit === "" ? null : Number(limit), { onSuccess: () => setEditing(false) });
          }}
        >
          <Group align="flex-end" mt="xs">
            <NumberInput label={t("quota.maxDevices")} description={t("quota.maxDevicesHelp")} clampBehavior="none" allowDecimal={false} value={limit} onChange={setLimit} error={fieldError(save.error, "maxDevices")} w={220} />
            <Button type="submit" loading={save.isPending}>{t("action.save")}</Button>
            <Button variant="default" onClick={() => setEditing(false)}>{t("action.cancel")}</Button>
          </Group>
          <Problem error={save.error} />
        </form>
      )}
    </Card>
  );
}
