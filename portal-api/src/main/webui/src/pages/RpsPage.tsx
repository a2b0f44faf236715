import { Alert, Badge, Box, Button, Card, Group, Loader, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { ApiProblem } from "../api/problem";
import { dryRun, resync, rpsKeys, useRpsHistory, useRpsStatus, type MirrorStatus, type ReconciliationReport } from "../api/rps";
import { usePermissions } from "../auth/SessionContext";
import { Pager } from "../components/Pager";
import { Problem } from "../components/Problem";
import { formatMac, formatTime } from "../lib/format";
import { CHANGE_KINDS, countByKind, kindOf, outcomeColor } from "../lib/reconciliation";

const STATE_COLORS: Record<string, string> = { SYNCED: "green", PENDING: "yellow", FAILED: "red", CONFLICT: "red", DELETED: "gray" };
const CALL_COLORS: Record<string, string> = { OK: "green", PENDING: "yellow", REFUSED: "orange", CONFLICT: "red", TRANSIENT: "red" };
const SIZE = 25;

/** The organization's mirror at Yealink RPS: status, the calls made and RPS's answers, resync and its dry run. */
export function RpsPage() {
  const { slug = "" } = useParams();
  const { t } = useTranslation();
  const { writes } = usePermissions();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get("page") ?? 0);
  const [mac, setMac] = useState(params.get("mac") ?? "");
  const [macQuery] = useDebouncedValue(mac.replace(/[^0-9a-fA-F]/g, ""), 300);
  const status = useRpsStatus(slug);
  const history = useRpsHistory(slug, { page, size: SIZE, mac: macQuery.length === 12 ? macQuery : undefined });
  const queryClient = useQueryClient();
  const [report, setReport] = useState<ReconciliationReport | null>(null);
  const plan = useMutation({ mutationFn: () => dryRun(slug), onSuccess: setReport });
  const repair = useMutation({
    mutationFn: () => resync(slug),
    onSuccess: (r) => {
      setReport(r);
      void queryClient.invalidateQueries({ queryKey: rpsKeys.status(slug) });
    },
  });
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    Object.entries(changes).forEach(([k, v]) => (v ? next.set(k, v) : next.delete(k)));
    if (!("page" in changes)) next.delete("page");
    setParams(next, { replace: !("page" in changes) });
  };
  // The organization itself is invisible (or gone): its history is a 404 too, and nothing of it is shown.
  if (history.error instanceof ApiProblem && history.error.notFound) return <Problem error={history.error} />;
  const notMirrored = status.error instanceof ApiProblem && status.error.notFound;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("rps.title")}</Title>
        {writes && (
          <Group>
            <Button variant="default" loading={plan.isPending} disabled={repair.isPending} onClick={() => plan.mutate()}>
              {t("rps.dryRun")}
            </Button>
            <Button loading={repair.isPending} disabled={plan.isPending} onClick={() => repair.mutate()}>
              {t("rps.resync")}
            </Button>
          </Group>
        )}
      </Group>
      <Text size="sm" c="dimmed">{t("rps.help")}</Text>
      <Problem error={plan.error ?? repair.error} />
      {report && <Findings report={report} />}
      {notMirrored ? (
        <Alert color="gray" title={t("rps.notMirrored")}>{t("rps.notMirroredDetail")}</Alert>
      ) : status.error ? (
        <Problem error={status.error} />
      ) : status.data ? (
        <StatusCard status={status.data} />
      ) : (
        <Loader />
      )}
      <Title order={3} size="h4">{t("rps.history")}</Title>
      <Group align="flex-end">
        <TextInput label={t("devices.mac")} value={mac} onChange={(e) => { setMac(e.currentTarget.value); update({ mac: e.currentTarget.value }); }} />
      </Group>
      <Problem error={history.error} />
      <HistoryTable calls={history.data?.items ?? []} />
      {history.data && (
        <Pager
          page={page}
          totalPages={Math.ceil((history.data.totalItems ?? 0) / SIZE)}
          totalItems={history.data.totalItems ?? 0}
          onPage={(p) => update({ page: String(p) })}
        />
      )}
    </Stack>
  );
}

function StatusCard({ status }: { status: MirrorStatus }) {
  const { t, i18n } = useTranslation();
  const server = status.server;
  return (
    <Card withBorder data-testid="rps-status">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">{t("rps.server")}</Title>
        {server?.status && <Badge color={STATE_COLORS[server.status] ?? "gray"} data-testid="rps-server-status">{server.status}</Badge>}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Field label={t("rps.serverName")} value={server?.name} mono />
        <Field label={t("rps.serverId")} value={server?.rpsServerId} mono />
        <Field label={t("common.updated")} value={formatTime(server?.updatedAt, i18n.language)} />
        <Field label={t("rps.lastError")} value={server?.lastError} />
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="md">{t("rps.devices")}</Text>
      <Group gap="xs" mt={4} data-testid="rps-device-counts">
        {Object.keys(status.devices ?? {}).length === 0 && <Text size="sm">–</Text>}
        {Object.entries(status.devices ?? {}).map(([state, count]) => (
          <Badge key={state} color={STATE_COLORS[state] ?? "gray"} styles={{ label: { overflow: "visible" } }}>
            {state}: {count}
          </Badge>
        ))}
      </Group>
      {(status.problems?.length ?? 0) > 0 && (
        <ScrollRegion label={t("rps.problems")} minWidth={480}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("devices.mac")}</Table.Th>
                <Table.Th>{t("rps.state")}</Table.Th>
                <Table.Th>{t("rps.error")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {status.problems!.map((p) => (
                <Table.Tr key={p.mac}>
                  <Table.Td ff="monospace">{formatMac(p.mac ?? "")}</Table.Td>
                  <Table.Td><Badge size="sm" color={STATE_COLORS[p.status ?? ""] ?? "gray"}>{p.status}</Badge></Table.Td>
                  <Table.Td>{p.error === "null" ? "–" : p.error}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
    </Card>
  );
}

/** A dry run's findings, or what a resync did: counts by kind, then every change. */
function Findings({ report }: { report: ReconciliationReport }) {
  const { t } = useTranslation();
  const changes = report.changes ?? [];
  const counts = countByKind(changes);
  return (
    <Card withBorder data-testid="rps-findings">
      <Title order={3} size="h5">{report.dryRun ? t("rps.findingsTitle") : t("rps.resyncTitle")}</Title>
      <Text size="sm" mt={4}>
        {changes.length === 0
          ? report.dryRun ? t("rps.nothingToDo") : t("rps.nothingDone")
          : t(report.dryRun ? "rps.wouldChange" : "rps.changed", { count: changes.length })}
      </Text>
      <Text size="xs" c="dimmed">{t("rps.seen", { servers: report.serversSeen ?? 0, devices: report.devicesSeen ?? 0, ms: report.durationMs ?? 0 })}</Text>
      {changes.length > 0 && (
        <>
          <Group gap="xs" mt="xs">
            {CHANGE_KINDS.filter((k) => counts[k] > 0).map((k) => (
              <Badge key={k} styles={{ label: { overflow: "visible" } }}>{t(`rps.kind.${k}`, { count: counts[k] })}</Badge>
            ))}
          </Group>
          <ScrollRegion label={t("rps.change")} minWidth={480}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("rps.change")}</Table.Th>
                  <Table.Th>{t("rps.target")}</Table.Th>
                  <Table.Th>{t("rps.outcome")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {changes.map((c, i) => (
                  <Table.Tr key={i} data-kind={kindOf(c.action)}>
                    <Table.Td>{t(`rps.actions.${c.action}`, { defaultValue: c.action })}</Table.Td>
                    <Table.Td ff="monospace">{c.target && /^[0-9a-f]{12}$/.test(c.target) ? formatMac(c.target) : c.target}</Table.Td>
                    <Table.Td><Badge size="sm" color={outcomeColor(c.outcome)} styles={{ label: { overflow: "visible" } }}>{c.outcome}</Badge></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        </>
      )}
    </Card>
  );
}

function HistoryTable({ calls }: { calls: NonNullable<ReturnType<typeof useRpsHistory>["data"]>["items"] }) {
  const { t, i18n } = useTranslation();
  return (
    <ScrollRegion label={t("rps.history")} minWidth={1000}>
      <Table striped data-testid="rps-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("activity.time")}</Table.Th>
            <Table.Th>{t("rps.operation")}</Table.Th>
            <Table.Th>{t("devices.mac")}</Table.Th>
            <Table.Th>{t("rps.target")}</Table.Th>
            <Table.Th>{t("rps.answer")}</Table.Th>
            <Table.Th>{t("rps.error")}</Table.Th>
            <Table.Th>{t("rps.duration")}</Table.Th>
            <Table.Th>{t("rps.attempt")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(calls ?? []).map((c, i) => (
            <Table.Tr key={`${c.occurredAt}-${c.mac}-${i}`}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{formatTime(c.occurredAt, i18n.language)}</Table.Td>
              <Table.Td ff="monospace">{c.operation}</Table.Td>
              <Table.Td ff="monospace" style={{ whiteSpace: "nowrap" }}>{c.mac ? formatMac(c.mac) : "–"}</Table.Td>
              <Table.Td style={{ overflowWrap: "anywhere" }}>{c.target}</Table.Td>
              <Table.Td><Badge size="sm" color={CALL_COLORS[c.outcome ?? ""] ?? "gray"} styles={{ label: { overflow: "visible" } }}>{c.outcome}</Badge></Table.Td>
              <Table.Td>{c.error ?? ""}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{c.durationMs} ms</Table.Td>
              <Table.Td>{c.attempt}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {calls?.length === 0 && <Text c="dimmed" mt="sm">{t("rps.noCalls")}</Text>}
    </ScrollRegion>
  );
}

/** A table that scrolls sideways on a narrow screen; focusable, so the keyboard can scroll it too. */
function ScrollRegion({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <Box role="region" aria-label={label} tabIndex={0} mt="sm" style={{ overflowX: "auto" }}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}

function Field({ label, value, mono }: { label: string; value?: string | null; mono?: boolean }) {
  return (
    <div>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm" ff={mono ? "monospace" : undefined} style={{ overflowWrap: "anywhere" }}>{value || "–"}</Text>
    </div>
  );
}
