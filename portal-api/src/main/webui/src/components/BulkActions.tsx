import { Badge, Button, Group, MultiSelect, Progress, Select, Stack, Table, Text } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, etagOf } from "../api/client";
import { runBulk, summarizeBulk, type BulkSummary } from "../lib/bulk";
import { etagOfVersion, withAssignment, type Assignment } from "../lib/deviceInput";
import { formatMac } from "../lib/format";
import { Dialog } from "./Dialog";
import { MacList, MoveExplanation, OrganizationTarget } from "./MoveDevices";

export type BulkKind = "delete" | "move" | "phonebooks" | "wallpaper" | "ringtone";

/**
 * One bulk action on the selected devices: a confirmation (what happens to which devices), then one API call per
 * device with If-Match of the version the list showed — a device changed since is not touched and listed as changed
 * by someone else —, progress while they run, and at the end every device that failed with its reason
 * (docs/console.md, "Bulk actions").
 */
export function BulkAction({ slug, kind, macs, versions, onClose, onDone }: {
  slug: string;
  kind: BulkKind | null;
  macs: string[];
  versions: Record<string, number | undefined>;
  onClose: () => void;
  /** After the result was read: the selection is done with. */
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<string | null>(null);
  const [phonebooks, setPhonebooks] = useState<string[]>([]);
  const [media, setMedia] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [summary, setSummary] = useState<BulkSummary | null>(null);
  const running = progress !== null && summary === null;
  const close = () => {
    if (running) return;
    if (summary) onDone();
    setProgress(null);
    setSummary(null);
    setTarget(null);
    setPhonebooks([]);
    setMedia(null);
    onClose();
  };
  const path = (mac: string) => ({ orgId: slug, mac });
  const ifMatch = (mac: string) => ({ "If-Match": etagOfVersion(versions[mac]) });
  const action = async (mac: string) => {
    if (kind === "delete") {
      await api.DELETE("/api/v1/organizations/{orgId}/devices/{mac}", { params: { path: path(mac), header: ifMatch(mac) } });
    } else if (kind === "move") {
      await api.POST("/api/v1/organizations/{orgId}/devices/{mac}/move", { params: { path: path(mac), header: ifMatch(mac) }, body: { organization: target! } });
    } else {
      const assignment: Assignment =
        kind === "phonebooks" ? { phonebookIds: phonebooks.map(Number) } : kind === "wallpaper" ? { wallpaper: media } : { ringtone: media };
      const { data, response } = await api.GET("/api/v1/organizations/{orgId}/devices/{mac}", { params: { path: path(mac) } });
      // The version the list showed, or the one just read when the device was selected on another page's data.
      const etag = ifMatch(mac)["If-Match"] ?? etagOf(response);
      await api.PUT("/api/v1/organizations/{orgId}/devices/{mac}", { params: { path: path(mac), header: { "If-Match": etag } }, body: withAssignment(data!, assignment) });
    }
  };
  const run = async () => {
    setProgress({ done: 0, total: macs.length });
    const outcomes = await runBulk(macs, action, (done, total) => setProgress({ done, total }));
    setSummary(summarizeBulk(outcomes));
    void queryClient.invalidateQueries({ queryKey: ["organization", slug, "devices"] });
    if (kind === "move") void queryClient.invalidateQueries({ queryKey: ["organizations"] });
  };
  const ready = kind !== "move" || !!target;
  if (!kind) return null;
  return (
    <Dialog opened={kind !== null} onClose={close} title={t(`bulk.${kind}.title`, { count: macs.length })} size="lg">
      <Stack>
        {!progress && (
          <>
            <Text size="sm">{t(`bulk.${kind}.message`, { count: macs.length })}</Text>
            <MacList macs={macs} />
            {kind === "move" && (
              <>
                <OrganizationTarget slug={slug} value={target} onChange={setTarget} />
                <MoveExplanation from={slug} to={target} />
              </>
            )}
            {kind === "phonebooks" && <PhonebookChoice slug={slug} value={phonebooks} onChange={setPhonebooks} />}
            {(kind === "wallpaper" || kind === "ringtone") && <MediaChoice slug={slug} kind={kind} value={media} onChange={setMedia} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>{t("action.cancel")}</Button>
              <Button color={kind === "delete" ? "red" : undefined} disabled={!ready} onClick={() => void run()}>
                {t(`bulk.${kind}.run`, { count: macs.length })}
              </Button>
            </Group>
          </>
        )}
        {progress && (
          <Stack gap={4} data-testid="bulk-progress">
            <Progress value={(100 * progress.done) / Math.max(1, progress.total)} aria-label={t("bulk.progress")} animated={running} />
            <Text size="sm" role="status">{t("bulk.done", { done: progress.done, total: progress.total })}</Text>
          </Stack>
        )}
        {summary && <BulkResult summary={summary} onClose={close} />}
      </Stack>
    </Dialog>
  );
}

function BulkResult({ summary, onClose }: { summary: BulkSummary; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack data-testid="bulk-result">
      <Text size="sm" fw={600}>{t("bulk.summary", { succeeded: summary.succeeded, total: summary.total })}</Text>
      {summary.failed.length > 0 && (
        <>
          <Text size="sm">{t("bulk.failed", { count: summary.failed.length })}</Text>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("devices.mac")}</Table.Th>
                <Table.Th>{t("import.problem")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {summary.failed.map((f) => (
                <Table.Tr key={f.mac} data-failed-mac={f.mac}>
                  <Table.Td ff="monospace">{formatMac(f.mac)}</Table.Td>
                  <Table.Td>
                    {f.reason === "stale" ? <Badge color="yellow" styles={{ label: { overflow: "visible" } }}>{t("problem.stale")}</Badge> : f.reason === "notFound" ? t("problem.notFound") : f.message}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {summary.failed.some((f) => f.reason === "stale") && <Text size="sm" c="dimmed">{t("bulk.staleHelp")}</Text>}
        </>
      )}
      <Group justify="flex-end">
        <Button onClick={onClose}>{t("action.close")}</Button>
      </Group>
    </Stack>
  );
}

function PhonebookChoice({ slug, value, onChange }: { slug: string; value: string[]; onChange: (v: string[]) => void }) {
  const { t } = useTranslation();
  const books = useQuery({
    queryKey: ["organization", slug, "phonebooks", { size: 500 }],
    queryFn: async () => (await api.GET("/api/v1/organizations/{orgId}/phonebooks", { params: { path: { orgId: slug }, query: { size: 500 } } })).data!,
  });
  return (
    <MultiSelect
      label={t("bulk.phonebooks.label")}
      description={t("bulk.phonebooks.help")}
      data={(books.data?.items ?? []).map((b) => ({ value: String(b.id), label: b.name ?? String(b.id) }))}
      value={value}
      onChange={onChange}
      searchable
      clearable
    />
  );
}

function MediaChoice({ slug, kind, value, onChange }: { slug: string; kind: "wallpaper" | "ringtone"; value: string | null; onChange: (v: string | null) => void }) {
  const { t } = useTranslation();
  const files = useQuery({
    queryKey: ["organization", slug, "media", { kind }],
    queryFn: async () =>
      (await api.GET("/api/v1/organizations/{orgId}/media", { params: { path: { orgId: slug }, query: { kind: kind.toUpperCase(), size: 500 } } })).data!,
  });
  return (
    <Select
      label={t(`bulk.${kind}.label`)}
      description={t("bulk.mediaHelp")}
      placeholder={t("bulk.none")}
      data={(files.data?.items ?? []).map((m) => m.name!)}
      value={value}
      onChange={onChange}
      searchable
      clearable
    />
  );
}
