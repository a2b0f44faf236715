import { Anchor, Button, Checkbox, Group, PasswordInput, Select, Stack, Table, Text, TextInput, Title, UnstyledButton } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { api, send, type DeviceInput } from "../api/client";
import { ALL_MATCHING_LIMIT, matchingDevices, useDevices, useModels } from "../api/queries";
import { usePermissions } from "../auth/SessionContext";
import { BulkAction, type BulkKind } from "../components/BulkActions";
import { ImportDevices } from "../components/ImportDevices";
import { Pager } from "../components/Pager";
import { Problem, fieldError } from "../components/Problem";
import { formatMac, formatTime } from "../lib/format";
import { ConfigBadge, OutcomeBadge } from "../components/Badges";
import { Dialog } from "../components/Dialog";

const SORTABLE = ["mac", "model", "label", "lastSeenAt", "firmware", "updatedAt"] as const;
const FILTERS = ["q", "model", "firmware", "presence", "pending", "outcome", "rps", "seenAfter"] as const;
const OUTCOMES = ["SUCCESS", "NOT_MODIFIED", "NO_CREDENTIALS", "WRONG_CREDENTIALS", "UNKNOWN_MAC", "NOT_FOUND", "FORBIDDEN", "RENDER_ERROR", "SERVER_ERROR", "THROTTLED", "BAD_REQUEST"];
const RPS_STATES = ["SYNCED", "PENDING", "FAILED", "CONFLICT"];

/** The fleet table: server-side paging, sorting and filtering, all of it in the URL. */
export function DevicesPage() {
  const { slug = "" } = useParams();
  const { t, i18n } = useTranslation();
  const { writes, movesDevices } = usePermissions();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get("page") ?? 0);
  const sort = params.get("sort") ?? "mac,asc";
  const model = params.get("model") ?? "";
  const [q, setQ] = useState(params.get("q") ?? "");
  const [query] = useDebouncedValue(q, 250);
  const presence = params.get("presence") ?? "";
  const filters = {
    q: query,
    model,
    firmware: params.get("firmware") ?? undefined,
    neverSeen: presence === "never" ? "true" : presence === "seen" ? "false" : undefined,
    pending: params.get("pending") ?? undefined,
    outcome: params.get("outcome") ?? undefined,
    rps: params.get("rps") ?? undefined,
    seenAfter: params.get("seenAfter") ?? undefined,
  };
  const list = useDevices(slug, { page, size: 50, sort, ...filters });
  const models = useModels();
  const [selected, setSelected] = useState<string[]>([]);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [bulk, setBulk] = useState<BulkKind | null>(null);
  // The version each selected device had in the list: bulk actions send it as If-Match.
  const [versions, setVersions] = useState<Record<string, number | undefined>>({});
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    Object.entries(changes).forEach(([k, v]) => (v ? next.set(k, v) : next.delete(k)));
    if (!("page" in changes)) next.delete("page");
    setParams(next, { replace: !("page" in changes) });
  };
  // The export has the list's filters (not its page): fetched with the token, then saved as a file.
  const exporting = useMutation({
    mutationFn: async () => {
      const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]);
      const response = await send(`/api/v1/organizations/${encodeURIComponent(slug)}/devices/export?${query}`, {});
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = `${slug}-devices.csv`;
      link.click();
      URL.revokeObjectURL(url);
    },
  });
  const items = list.data?.items ?? [];
  const total = list.data?.totalItems ?? 0;
  const chosen = useMemo(() => new Set(selected), [selected]);
  const pageChosen = items.length > 0 && items.every((d) => chosen.has(d.mac!));
  // "Select all N matching": every device of the filter, with its version, page by page (progress meanwhile).
  const [collecting, setCollecting] = useState<{ done: number; total: number } | null>(null);
  const selectAllMatching = useMutation({
    mutationFn: () => matchingDevices(slug, { sort, ...filters }, (done, of) => setCollecting({ done, total: of })),
    onSuccess: (found) => {
      setSelected(found.map((d) => d.mac));
      setVersions(Object.fromEntries(found.map((d) => [d.mac, d.version])));
    },
    onSettled: () => setCollecting(null),
  });
  const [sortField, sortDir] = sort.split(",");
  const header = (field: (typeof SORTABLE)[number], label: string) => (
    <Table.Th aria-sort={sortField === field ? (sortDir === "desc" ? "descending" : "ascending") : undefined}>
      <UnstyledButton onClick={() => update({ sort: `${field},${sortField === field && sortDir === "asc" ? "desc" : "asc"}` })}>
        {label} {sortField === field ? (sortDir === "desc" ? "▼" : "▲") : ""}
      </UnstyledButton>
    </Table.Th>
  );

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("devices.title")}</Title>
        <Group>
          <Button variant="default" loading={exporting.isPending} onClick={() => exporting.mutate()}>{t("devices.export")}</Button>
        {writes && (
          <Group>
            <Button variant="default" onClick={() => setImporting(true)}>{t("devices.import")}</Button>
            <Button onClick={() => setCreating(true)}>{t("devices.create")}</Button>
          </Group>
        )}
        </Group>
      </Group>
      <Group align="flex-end">
        <TextInput
          label={t("devices.search")}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            update({ q: e.currentTarget.value });
          }}
        />
        <Select
          label={t("devices.model")}
          placeholder={t("devices.anyModel")}
          data={(models.data ?? []).map((m) => m.name!)}
          value={model || null}
          onChange={(v) => update({ model: v ?? "" })}
          clearable
          searchable
        />
        <Select
          label={t("fleet.presence")}
          placeholder={t("fleet.any")}
          data={[{ value: "seen", label: t("fleet.seen") }, { value: "never", label: t("device.neverSeen") }]}
          value={presence || null}
          onChange={(v) => update({ presence: v ?? "" })}
          clearable
          w={150}
        />
        <Select
          label={t("fleet.configuration")}
          placeholder={t("fleet.any")}
          data={[{ value: "true", label: t("device.pending") }, { value: "false", label: t("fleet.notPending") }]}
          value={params.get("pending")}
          onChange={(v) => update({ pending: v ?? "" })}
          clearable
          w={170}
        />
        <Select label={t("device.lastOutcome")} placeholder={t("fleet.any")} data={OUTCOMES} value={params.get("outcome")} onChange={(v) => update({ outcome: v ?? "" })} clearable w={200} />
        <Select label={t("fleet.rps")} placeholder={t("fleet.any")} data={RPS_STATES} value={params.get("rps")} onChange={(v) => update({ rps: v ?? "" })} clearable w={130} />
        <TextInput label={t("device.firmware")} defaultValue={params.get("firmware") ?? ""} onBlur={(e) => update({ firmware: e.currentTarget.value.trim() })} w={130} />
        {params.get("seenAfter") && (
          <Text size="sm" data-testid="seen-since">{t("fleet.seenSince", { time: formatTime(params.get("seenAfter"), i18n.language) })}</Text>
        )}
        {FILTERS.some((f) => params.get(f)) && (
          <Button variant="subtle" onClick={() => { setQ(""); setParams(new URLSearchParams(sort === "mac,asc" ? {} : { sort })); }}>
            {t("fleet.clear")}
          </Button>
        )}
        {writes && selected.length > 0 && (
          <Group gap="xs" data-testid="bulk-actions">
            <Text size="sm">{t("bulk.selected", { count: selected.length })}</Text>
            {movesDevices && <Button variant="light" onClick={() => setBulk("move")}>{t("bulk.move.button")}</Button>}
            <Button variant="light" onClick={() => setBulk("phonebooks")}>{t("bulk.phonebooks.button")}</Button>
            <Button variant="light" onClick={() => setBulk("wallpaper")}>{t("bulk.wallpaper.button")}</Button>
            <Button variant="light" onClick={() => setBulk("ringtone")}>{t("bulk.ringtone.button")}</Button>
            <Button color="red" variant="light" onClick={() => setBulk("delete")}>
              {t("devices.deleteSelected", { count: selected.length })}
            </Button>
          </Group>
        )}
      </Group>
      {writes && pageChosen && total > items.length && (
        <Group gap="xs" data-testid="select-all-matching">
          {selected.length >= Math.min(total, ALL_MATCHING_LIMIT) ? (
            <>
              <Text size="sm">
                {total > ALL_MATCHING_LIMIT
                  ? t("bulk.firstMatchingSelected", { count: selected.length, total })
                  : t("bulk.allMatchingSelected", { count: selected.length })}
              </Text>
              <Anchor component="button" size="sm" onClick={() => setSelected([])}>{t("bulk.clearSelection")}</Anchor>
            </>
          ) : collecting ? (
            <Text size="sm" role="status">{t("bulk.collecting", { done: collecting.done, total: collecting.total })}</Text>
          ) : (
            <>
              <Text size="sm">{t("bulk.pageSelected", { count: items.length })}</Text>
              <Anchor component="button" size="sm" onClick={() => selectAllMatching.mutate()}>
                {total > ALL_MATCHING_LIMIT
                  ? t("bulk.selectFirstMatching", { count: ALL_MATCHING_LIMIT, total })
                  : t("bulk.selectAllMatching", { count: total })}
              </Anchor>
            </>
          )}
        </Group>
      )}
      <Problem error={list.error ?? exporting.error ?? selectAllMatching.error} />
      <Table.ScrollContainer minWidth={1100}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              {writes && (
                <Table.Th w={40}>
                  <Checkbox
                    aria-label={t("devices.selectAll")}
                    checked={pageChosen}
                    indeterminate={!pageChosen && items.some((d) => chosen.has(d.mac!))}
                    onChange={(e) => {
                      setSelected(e.currentTarget.checked ? items.map((d) => d.mac!) : []);
                      setVersions(Object.fromEntries(items.map((d) => [d.mac!, d.version])));
                    }}
                  />
                </Table.Th>
              )}
              {header("mac", t("devices.mac"))}
              {header("model", t("devices.model"))}
              {header("label", t("devices.label"))}
              <Table.Th>{t("devices.accounts")}</Table.Th>
              {header("lastSeenAt", t("device.lastSeen"))}
              {header("firmware", t("device.firmware"))}
              <Table.Th>{t("fleet.configuration")}</Table.Th>
              <Table.Th>{t("device.lastOutcome")}</Table.Th>
              <Table.Th>{t("fleet.rps")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((d) => (
              <Table.Tr key={d.mac} data-mac={d.mac}>
                {writes && (
                  <Table.Td>
                    <Checkbox
                      aria-label={t("devices.select", { mac: formatMac(d.mac!) })}
                      checked={chosen.has(d.mac!)}
                      onChange={(e) => {
                        setSelected(e.currentTarget.checked ? [...selected, d.mac!] : selected.filter((m) => m !== d.mac));
                        setVersions({ ...versions, [d.mac!]: d.version });
                      }}
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  <Anchor component={Link} to={`/o/${slug}/devices/${d.mac}`} ff="monospace">
                    {formatMac(d.mac!)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{d.model}</Table.Td>
                <Table.Td className="device-label">{d.label}</Table.Td>
                <Table.Td>{d.accounts?.map((a) => a.userName).join(", ")}</Table.Td>
                <Table.Td>{formatTime(d.state?.lastSeenAt, i18n.language)}</Table.Td>
                <Table.Td>{d.state?.firmware ?? "–"}</Table.Td>
                <Table.Td><ConfigBadge state={d.state} /></Table.Td>
                <Table.Td>{d.state?.lastOutcome ? <OutcomeBadge outcome={d.state.lastOutcome} /> : "–"}</Table.Td>
                <Table.Td title={d.state?.rpsError ?? undefined}>{d.state?.rpsStatus ?? "–"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.data && items.length === 0 && <Text c="dimmed">{t("devices.none")}</Text>}
      {list.data && (
        <Pager page={page} totalPages={list.data.totalPages ?? 0} totalItems={list.data.totalItems ?? 0} onPage={(p) => update({ page: String(p) })} />
      )}
      <CreateDevice slug={slug} opened={creating} onClose={() => setCreating(false)} />
      <ImportDevices slug={slug} opened={importing} onClose={() => setImporting(false)} />
      <BulkAction slug={slug} kind={bulk} macs={selected} versions={versions} onClose={() => setBulk(null)} onDone={() => setSelected([])} />
    </Stack>
  );
}

function CreateDevice({ slug, opened, onClose }: { slug: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const models = useModels();
  const queryClient = useQueryClient();
  const empty = { mac: "", model: "", label: "", userName: "", password: "", server: "" };
  const [form, setForm] = useState(empty);
  const create = useMutation({
    mutationFn: async () => {
      const body: DeviceInput = {
        mac: form.mac,
        model: form.model,
        label: form.label || undefined,
        accounts: form.userName ? [{ index: 1, userName: form.userName, password: form.password || undefined, server: form.server, port: 5060, transport: "UDP" }] : [],
      };
      return (await api.POST("/api/v1/organizations/{orgId}/devices", { params: { path: { orgId: slug } }, body })).data!;
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["organization", slug, "devices"] });
      setForm(empty);
      onClose();
    },
  });
  const set = (field: keyof typeof empty) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [field]: e.currentTarget.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Dialog opened={opened} onClose={onClose} title={t("devices.create")}>
      <form onSubmit={submit}>
        <Stack>
          <TextInput label={t("devices.mac")} required value={form.mac} onChange={set("mac")} error={fieldError(create.error, "mac")} placeholder="00:15:65:12:34:56" />
          <Select
            label={t("devices.model")}
            required
            data={(models.data ?? []).map((m) => m.name!)}
            value={form.model || null}
            onChange={(v) => setForm({ ...form, model: v ?? "" })}
            searchable
            error={fieldError(create.error, "model")}
          />
          <TextInput label={t("devices.label")} value={form.label} onChange={set("label")} error={fieldError(create.error, "label")} />
          <Text size="sm" fw={600}>{t("devices.account1")}</Text>
          <TextInput label={t("account.userName")} value={form.userName} onChange={set("userName")} error={fieldError(create.error, "accounts[0].userName")} />
          <PasswordInput label={t("account.password")} value={form.password} onChange={set("password")} autoComplete="new-password" error={fieldError(create.error, "accounts[0].password")} />
          <TextInput label={t("account.server")} value={form.server} onChange={set("server")} error={fieldError(create.error, "accounts[0].server")} placeholder="pbx.example.com" />
          <Problem error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t("action.cancel")}</Button>
            <Button type="submit" loading={create.isPending}>{t("action.create")}</Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
