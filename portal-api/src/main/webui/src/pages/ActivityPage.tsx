import { Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useActivity } from "../api/queries";
import { Pager } from "../components/Pager";
import { Problem } from "../components/Problem";
import { TableScroll } from "../components/TableScroll";
import { formatMac, formatSince, formatTime } from "../lib/format";
import { OutcomeBadge } from "../components/Badges";
import { useListParams } from "../lib/listParams";

const OUTCOMES = ["SUCCESS", "NOT_MODIFIED", "NO_CREDENTIALS", "WRONG_CREDENTIALS", "UNKNOWN_MAC", "NOT_FOUND", "FORBIDDEN", "RENDER_ERROR", "SERVER_ERROR", "THROTTLED", "BAD_REQUEST"];

/** What the phones asked for, newest first, refreshed while the page is open; repeats within a second are one row with their count. */
export function ActivityPage() {
  const { slug = "" } = useParams();
  const { t, i18n } = useTranslation();
  const { params, page, update } = useListParams();
  const outcome = params.get("outcome") ?? "";
  const [mac, setMac] = useState(params.get("mac") ?? "");
  const [macQuery] = useDebouncedValue(mac.replace(/[^0-9a-fA-F]/g, ""), 300);
  const list = useActivity(slug, { page, size: 50, mac: macQuery.length === 12 ? macQuery : undefined, outcome });
  return (
    <Stack>
      <Title order={2}>{t("activity.title")}</Title>
      <Group align="flex-end">
        <TextInput label={t("devices.mac")} value={mac} onChange={(e) => { setMac(e.currentTarget.value); update({ mac: e.currentTarget.value }); }} />
        <Select label={t("activity.outcome")} placeholder={t("activity.anyOutcome")} data={OUTCOMES} value={outcome || null} onChange={(v) => update({ outcome: v ?? "" })} clearable />
      </Group>
      <Problem error={list.error} />
      <TableScroll minWidth={720} label={t("activity.title")}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("activity.time")}</Table.Th>
              <Table.Th>{t("devices.mac")}</Table.Th>
              <Table.Th>{t("device.file")}</Table.Th>
              <Table.Th>{t("activity.outcome")}</Table.Th>
              <Table.Th>{t("device.ip")}</Table.Th>
              <Table.Th>{t("activity.userAgent")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items?.map((a) => (
              <Table.Tr key={a.eventId}>
                <Table.Td>
                  {formatTime(a.occurredAt, i18n.language)}
                  {(a.requests ?? 1) > 1 && (
                    <Text size="xs" c="dimmed">
                      {t("activity.requests", { count: a.requests, time: formatSince(a.firstAt, a.occurredAt, i18n.language) })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ff="monospace">{a.mac ? formatMac(a.mac) : "–"}</Table.Td>
                <Table.Td ff="monospace">{a.file}</Table.Td>
                <Table.Td>
                  <OutcomeBadge outcome={a.outcome ?? ""} />
                </Table.Td>
                <Table.Td>{a.clientIp}</Table.Td>
                <Table.Td>{a.userAgent}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {list.data && (
        <Pager page={page} totalPages={list.data.totalPages ?? 0} totalItems={list.data.totalItems ?? 0} onPage={(p) => update({ page: String(p) })} />
      )}
    </Stack>
  );
}
