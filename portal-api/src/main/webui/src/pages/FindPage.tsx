import { Anchor, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api } from "../api/client";
import { Problem } from "../components/Problem";
import { formatMac, formatTime } from "../lib/format";

/** "Where is this phone?": a MAC (or part of one) found in every organization the user may see. */
export function FindPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const mac = params.get("mac") ?? "";
  const found = useQuery({
    queryKey: ["find", mac],
    queryFn: async () => (await api.GET("/api/v1/devices", { params: { query: { mac } } })).data!,
    enabled: mac.length > 0,
  });
  return (
    <Stack>
      <Title order={2}>{t("find.title", { mac })}</Title>
      <Problem error={found.error} />
      {found.data && found.data.length === 0 && <Text c="dimmed">{t("find.none")}</Text>}
      {found.data && found.data.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("devices.mac")}</Table.Th>
                <Table.Th>{t("nav.organization")}</Table.Th>
                <Table.Th>{t("devices.model")}</Table.Th>
                <Table.Th>{t("devices.label")}</Table.Th>
                <Table.Th>{t("device.lastSeen")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {found.data.map((d) => (
                <Table.Tr key={d.mac} data-mac={d.mac}>
                  <Table.Td>
                    <Anchor component={Link} to={`/o/${d.organizationSlug}/devices/${d.mac}`} ff="monospace">
                      {formatMac(d.mac!)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/o/${d.organizationSlug}`}>
                      {d.organizationName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{d.model}</Table.Td>
                  <Table.Td>{d.label}</Table.Td>
                  <Table.Td>{formatTime(d.lastSeenAt, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
