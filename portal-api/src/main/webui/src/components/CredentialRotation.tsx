import { Alert, Anchor, Button, Card, Code, CopyButton, Group, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../api/client";
import { keys } from "../api/queries";
import { usePermissions } from "../auth/SessionContext";
import { formatMac, formatTime } from "../lib/format";
import { Problem } from "./Problem";

/**
 * The phones' credentials: how far the last change has spread (devices on the new ones, the phone to look at first),
 * and for admins a rotation to a generated password, shown once. Phones keep working meanwhile: the previous set is
 * accepted from each device until it has used the new one (docs/portal-api.md, "Changes that do not cut phones off").
 */
export function CredentialRotation({ slug, organizationId, etag }: { slug: string; organizationId: string; etag?: string }) {
  const { t, i18n } = useTranslation();
  const { writes } = usePermissions();
  const queryClient = useQueryClient();
  const [generated, setGenerated] = useState<string>();
  const status = useQuery({
    queryKey: [...keys.organization(slug), "credentials"],
    queryFn: async () =>
      (await api.GET("/api/v1/organizations/{orgId}/credentials", { params: { path: { orgId: organizationId } } })).data!,
  });
  const rotate = useMutation({
    mutationFn: async () => {
      const { data } = await api.POST("/api/v1/organizations/{orgId}/credentials/rotation", {
        params: { path: { orgId: organizationId }, header: { "If-Match": etag } },
        body: {},
      });
      return data!;
    },
    onSuccess: (data) => {
      setGenerated(data.generatedPassword ?? undefined);
      void queryClient.invalidateQueries({ queryKey: keys.organization(slug) });
    },
  });
  const s = status.data;
  return (
    <Card withBorder data-testid="credential-rotation">
      <Stack gap="xs">
        <Title order={3} size="h5">{t("rotation.title")}</Title>
        {status.error && <Problem error={status.error} />}
        {s && (s.previous ? (
          <Text size="sm" role="status">
            {t("rotation.inProgress", { onCurrent: s.devicesOnCurrent, devices: s.devices, until: formatTime(s.previous.validUntil, i18n.language) })}
          </Text>
        ) : (
          <Text size="sm" role="status">{t("rotation.complete", { onCurrent: s.devicesOnCurrent, devices: s.devices })}</Text>
        ))}
        {s?.lastSeenLongestAgo && (
          <Text size="sm" c="dimmed">
            {t("rotation.laggard")}{" "}
            <Anchor component={Link} underline="always" to={`/o/${slug}/devices/${s.lastSeenLongestAgo.mac}`}>
              {formatMac(s.lastSeenLongestAgo.mac!)}{s.lastSeenLongestAgo.label ? ` (${s.lastSeenLongestAgo.label})` : ""}
            </Anchor>
            {" — "}
            {s.lastSeenLongestAgo.lastSeenAt ? t("rotation.lastSeen", { when: formatTime(s.lastSeenLongestAgo.lastSeenAt, i18n.language) }) : t("rotation.neverSeen")}
          </Text>
        )}
        {generated && (
          <Alert color="indigo" title={t("rotation.generatedTitle")}>
            <Stack gap="xs">
              <Text size="sm">{t("rotation.generatedHelp")}</Text>
              <Group gap="xs">
                <Code data-testid="generated-password" fz="md">{generated}</Code>
                <CopyButton value={generated}>
                  {({ copied, copy }) => <Button size="compact-sm" variant="light" onClick={copy}>{copied ? t("rotation.copied") : t("rotation.copy")}</Button>}
                </CopyButton>
              </Group>
            </Stack>
          </Alert>
        )}
        <Problem error={rotate.error} />
        {writes && (
          <Group>
            <Button variant="light" onClick={() => rotate.mutate()} loading={rotate.isPending}>
              {t("rotation.generate")}
            </Button>
            <Text size="xs" c="dimmed">{t("rotation.generateHelp")}</Text>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
