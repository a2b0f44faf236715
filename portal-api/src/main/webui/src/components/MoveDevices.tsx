import { Button, Group, List, Select, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api } from "../api/client";
import { useOrganizations } from "../api/queries";
import { formatMac } from "../lib/format";
import { Dialog } from "./Dialog";
import { Problem, fieldError } from "./Problem";

/** Picks another organization the user may manage, searching the API by name or slug. */
export function OrganizationTarget({ slug, value, onChange, error }: { slug: string; value: string | null; onChange: (v: string | null) => void; error?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  // Once an option is chosen the search box shows its label: that is not a new search.
  const [q] = useDebouncedValue(chosen && search === chosen.label ? "" : search, 250);
  const organizations = useOrganizations({ page: 0, size: 50, sort: "name,asc", q });
  const found = (organizations.data?.items ?? []).filter((o) => o.slug !== slug).map((o) => ({ value: o.slug!, label: `${o.name} (${o.slug})` }));
  const data = chosen && !found.some((o) => o.value === chosen.value) ? [chosen, ...found] : found;
  return (
    <Select
      label={t("move.target")}
      placeholder={t("move.targetPlaceholder")}
      data={data}
      value={value}
      onChange={(v, option) => {
        setChosen(v ? { value: v, label: option.label } : null);
        onChange(v);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={t("move.noTarget")}
      required
      error={error}
    />
  );
}

/** What a move takes along and what it leaves behind (DeviceService.move, docs/portal-api.md). */
export function MoveExplanation({ from, to }: { from: string; to: string | null }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>{t("move.goes")}</Text>
      <Text size="sm">{t("move.goesDetail")}</Text>
      <Text size="sm" fw={600}>{t("move.stays", { from })}</Text>
      <Text size="sm">{t("move.staysDetail")}</Text>
      <Text size="sm">{t("move.rps", { to: to ?? "…" })}</Text>
    </Stack>
  );
}

/** Moves one device from its page, with the ETag it was read with; then opens it in its new organization. */
export function MoveDevice({ slug, mac, etag, opened, onClose, onReload }: {
  slug: string; mac: string; etag?: string; opened: boolean; onClose: () => void; onReload: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<string | null>(null);
  const move = useMutation({
    mutationFn: async () =>
      api.POST("/api/v1/organizations/{orgId}/devices/{mac}/move", {
        params: { path: { orgId: slug, mac }, header: { "If-Match": etag } },
        body: { organization: target ?? "" },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["organization", slug] });
      void queryClient.invalidateQueries({ queryKey: ["organizations"] });
      onClose();
      navigate(`/o/${target}/devices/${mac}`);
    },
  });
  return (
    <Dialog opened={opened} onClose={onClose} title={t("move.title", { mac: formatMac(mac) })}>
      <Stack>
        <OrganizationTarget slug={slug} value={target} onChange={setTarget} error={fieldError(move.error, "organization")} />
        <MoveExplanation from={slug} to={target} />
        <Problem error={move.error} onReload={() => { onClose(); onReload(); }} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t("action.cancel")}</Button>
          <Button disabled={!target} loading={move.isPending} onClick={() => move.mutate()}>{t("move.run")}</Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

/** The MACs of a selection, shortened for a confirmation when there are many. */
export function MacList({ macs }: { macs: string[] }) {
  const { t } = useTranslation();
  const shown = macs.slice(0, 10);
  return (
    <List size="sm" ff="monospace">
      {shown.map((m) => <List.Item key={m}>{formatMac(m)}</List.Item>)}
      {macs.length > shown.length && <List.Item>{t("bulk.andMore", { count: macs.length - shown.length })}</List.Item>}
    </List>
  );
}
