import { Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useAudit } from "../api/trails";
import { ActionBadge } from "../components/Badges";
import { Pager } from "../components/Pager";
import { Problem } from "../components/Problem";
import { TableScroll } from "../components/TableScroll";
import { formatTime } from "../lib/format";
import { useListParams } from "../lib/listParams";

const ACTIONS = ["create", "update", "delete", "move", "transfer", "dismiss", "rotate", "resync", "import", "invite"];

/**
 * Who changed what, when and from where: an organization's trail under /o/{slug}/audit, the whole one (the
 * operator's) under /audit. Field names only; the API never records a value.
 */
export function AuditPage() {
  const { slug } = useParams();
  const { t, i18n } = useTranslation();
  const { params, page, update } = useListParams();
  const action = params.get("action") ?? "";
  const [username, setUsername] = useState(params.get("username") ?? "");
  const [usernameQuery] = useDebouncedValue(username.trim(), 300);
  const list = useAudit(slug, { page, size: 50, username: usernameQuery, action });
  return (
    <Stack>
      <Title order={2}>{slug ? t("audit.title") : t("audit.platformTitle")}</Title>
      <Group align="flex-end">
        <TextInput label={t("audit.user")} value={username} onChange={(e) => { setUsername(e.currentTarget.value); update({ username: e.currentTarget.value.trim() }); }} />
        <Select label={t("audit.action")} placeholder={t("audit.anyAction")} data={ACTIONS} value={action || null} onChange={(v) => update({ action: v ?? "" })} clearable />
      </Group>
      <Problem error={list.error} />
      <TableScroll minWidth={820} label={t("audit.title")}>
        <Table striped data-testid="audit">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("audit.at")}</Table.Th>
              <Table.Th>{t("audit.user")}</Table.Th>
              <Table.Th>{t("audit.action")}</Table.Th>
              {!slug && <Table.Th>{t("audit.organization")}</Table.Th>}
              <Table.Th>{t("audit.resource")}</Table.Th>
              <Table.Th>{t("audit.fields")}</Table.Th>
              <Table.Th>{t("device.ip")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items?.map((e) => (
              <Table.Tr key={e.id} data-action={e.action}>
                <Table.Td>{formatTime(e.at, i18n.language)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{e.username}</Text>
                  <Text size="xs" c="dimmed">{e.role}</Text>
                </Table.Td>
                <Table.Td>
                  <ActionBadge action={e.action ?? ""} />
                </Table.Td>
                {!slug && <Table.Td>{e.organizationSlug ? <Link to={`/o/${e.organizationSlug}/audit`}>{e.organizationSlug}</Link> : "–"}</Table.Td>}
                <Table.Td ff="monospace" title={e.operation}>{e.resource}</Table.Td>
                <Table.Td ff="monospace">{e.fields?.join(", ") || "–"}</Table.Td>
                <Table.Td>{e.clientIp ?? "–"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {list.data && list.data.totalItems === 0 && <Text c="dimmed">{t("audit.none")}</Text>}
      {list.data && (
        <Pager page={page} totalPages={list.data.totalPages ?? 0} totalItems={list.data.totalItems ?? 0} onPage={(p) => update({ page: String(p) })} />
      )}
    </Stack>
  );
}
