import { Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useSecurityEvents } from "../api/trails";
import { OutcomeBadge } from "../components/Badges";
import { Pager } from "../components/Pager";
import { Problem } from "../components/Problem";
import { TableScroll } from "../components/TableScroll";
import { formatTime } from "../lib/format";
import { useListParams } from "../lib/listParams";

const OUTCOMES = ["NO_CREDENTIALS", "WRONG_CREDENTIALS", "UNKNOWN_MAC", "THROTTLED", "BAD_REQUEST", "NOT_FOUND", "FORBIDDEN", "SUCCESS"];

/**
 * Phone requests the gate did not allow, counted per minute, address and outcome: an organization's under
 * /o/{slug}/security-events, every one (the operator's) under /security-events.
 */
export function SecurityEventsPage() {
  const { slug } = useParams();
  const { t, i18n } = useTranslation();
  const { params, page, update } = useListParams();
  const outcome = params.get("outcome") ?? "";
  const [clientIp, setClientIp] = useState(params.get("clientIp") ?? "");
  const [ipQuery] = useDebouncedValue(clientIp.trim(), 400);
  const list = useSecurityEvents(slug, { page, size: 50, clientIp: ipQuery, outcome });
  return (
    <Stack>
      <Title order={2}>{slug ? t("securityEvents.title") : t("securityEvents.platformTitle")}</Title>
      <Text size="sm" c="dimmed">{t("securityEvents.help")}</Text>
      <Group align="flex-end">
        <TextInput label={t("device.ip")} value={clientIp} onChange={(e) => { setClientIp(e.currentTarget.value); update({ clientIp: e.currentTarget.value.trim() }); }} />
        <Select label={t("activity.outcome")} placeholder={t("activity.anyOutcome")} data={OUTCOMES} value={outcome || null} onChange={(v) => update({ outcome: v ?? "" })} clearable />
      </Group>
      <Problem error={list.error} />
      <TableScroll minWidth={640} label={t("securityEvents.title")}>
        <Table striped data-testid="security-events">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("securityEvents.minute")}</Table.Th>
              <Table.Th>{t("device.ip")}</Table.Th>
              <Table.Th>{t("activity.outcome")}</Table.Th>
              <Table.Th>{t("securityEvents.requests")}</Table.Th>
              <Table.Th>{t("securityEvents.lastAt")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items?.map((e) => (
              <Table.Tr key={`${e.minute}-${e.organizationId}-${e.clientIp}-${e.outcome}`} data-ip={e.clientIp}>
                <Table.Td>{formatTime(e.minute, i18n.language)}</Table.Td>
                <Table.Td>{e.clientIp}</Table.Td>
                <Table.Td><OutcomeBadge outcome={e.outcome ?? ""} /></Table.Td>
                <Table.Td>{e.requests}</Table.Td>
                <Table.Td>{formatTime(e.lastAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {list.data && list.data.totalItems === 0 && <Text c="dimmed">{t("securityEvents.none")}</Text>}
      {list.data && (
        <Pager page={page} totalPages={list.data.totalPages ?? 0} totalItems={list.data.totalItems ?? 0} onPage={(p) => update({ page: String(p) })} />
      )}
    </Stack>
  );
}
