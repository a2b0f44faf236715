import { Anchor, Button, FileButton, Group, Image, NumberInput, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, send, type Schemas } from "../api/client";
import { useBlobUrl } from "../api/images";
import { Dialog } from "../components/Dialog";
import { Problem, fieldError } from "../components/Problem";

type Partner = Schemas["Partner"];

/** The operator's partners: each one's host name, quotas, console name and logo, and a way into its organizations. */
export function PartnersPage() {
  const { t } = useTranslation();
  const partners = useQuery({
    queryKey: ["partners"],
    queryFn: async () => (await api.GET("/api/v1/partners", { params: { query: { size: 500, sort: "name" } } })).data!,
  });
  // null: closed; "new": creating; a partner: editing it
  const [editing, setEditing] = useState<Partner | "new" | null>(null);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("partners.title")}</Title>
        <Button onClick={() => setEditing("new")}>{t("partners.create")}</Button>
      </Group>
      <Problem error={partners.error} />
      <Table.ScrollContainer minWidth={720}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("organizations.name")}</Table.Th>
              <Table.Th>{t("organizations.slug")}</Table.Th>
              <Table.Th>{t("partners.consoleName")}</Table.Th>
              <Table.Th>{t("partners.host")}</Table.Th>
              <Table.Th>{t("partners.maxOrganizations")}</Table.Th>
              <Table.Th>{t("partners.maxDevices")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {partners.data?.items?.map((p) => (
              <Table.Tr key={p.id} data-partner={p.slug}>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>{p.slug}</Table.Td>
                <Table.Td>{p.consoleName ?? "–"}</Table.Td>
                <Table.Td>{p.provisioningHost ?? "–"}</Table.Td>
                <Table.Td>{p.maxOrganizations ?? "∞"}</Table.Td>
                <Table.Td>{p.maxDevices ?? "∞"}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Anchor component={Link} to={`/organizations?partner=${p.id}`}>
                      {t("partners.organizations")}
                    </Anchor>
                    <Button size="compact-xs" variant="subtle" onClick={() => setEditing(p)} aria-label={t("partners.editOf", { name: p.name })}>
                      {t("action.edit")}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing !== null && (
        <PartnerDialog partner={editing === "new" ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

interface PartnerForm {
  name: string;
  slug: string;
  consoleName: string;
  provisioningHost: string;
  maxOrganizations: number | string;
  maxDevices: number | string;
}

function formOf(p: Partner | null): PartnerForm {
  return {
    name: p?.name ?? "",
    slug: p?.slug ?? "",
    consoleName: p?.consoleName ?? "",
    provisioningHost: p?.provisioningHost ?? "",
    maxOrganizations: p?.maxOrganizations ?? "",
    maxDevices: p?.maxDevices ?? "",
  };
}

/** Empty means "none" (no console name of its own, the installation's host, no limit). */
function inputOf(f: PartnerForm): Schemas["PartnerInput"] {
  const text = (v: string) => (v.trim() === "" ? undefined : v.trim());
  const limit = (v: number | string) => (v === "" ? undefined : Number(v));
  return {
    name: f.name,
    slug: f.slug,
    consoleName: text(f.consoleName),
    provisioningHost: text(f.provisioningHost),
    maxOrganizations: limit(f.maxOrganizations),
    maxDevices: limit(f.maxDevices),
  };
}

function PartnerDialog({ partner, onClose }: { partner: Partner | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(formOf(partner));
  const save = useMutation({
    mutationFn: async () => {
      const body = inputOf(form);
      if (partner === null) return (await api.POST("/api/v1/partners", { body })).data!;
      return (
        await api.PUT("/api/v1/partners/{partnerId}", {
          params: { path: { partnerId: partner.id! }, header: { "If-Match": `"${partner.version}"` } },
          body,
        })
      ).data!;
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["partners"] });
      void queryClient.invalidateQueries({ queryKey: ["branding"] });
      onClose();
    },
  });
  const set = (field: keyof PartnerForm) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [field]: e.currentTarget.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Dialog opened onClose={onClose} title={partner ? partner.name : t("partners.create")}>
      <form onSubmit={submit}>
        <Stack>
          <TextInput label={t("organizations.name")} required value={form.name} onChange={set("name")} error={fieldError(save.error, "name")} />
          <TextInput label={t("organizations.slug")} required value={form.slug} onChange={set("slug")} error={fieldError(save.error, "slug")} />
          <TextInput
            label={t("partners.consoleName")}
            description={t("partners.consoleNameHelp")}
            value={form.consoleName}
            onChange={set("consoleName")}
            error={fieldError(save.error, "consoleName")}
          />
          <TextInput
            label={t("partners.host")}
            description={t("partners.hostHelp")}
            value={form.provisioningHost}
            onChange={set("provisioningHost")}
            error={fieldError(save.error, "provisioningHost")}
          />
          <Group grow>
            <NumberInput
              label={t("partners.maxOrganizations")}
              min={0}
              allowDecimal={false}
              value={form.maxOrganizations}
              onChange={(v) => setForm({ ...form, maxOrganizations: v })}
              error={fieldError(save.error, "maxOrganizations")}
            />
            <NumberInput
              label={t("partners.maxDevices")}
              min={0}
              allowDecimal={false}
              value={form.maxDevices}
              onChange={(v) => setForm({ ...form, maxDevices: v })}
              error={fieldError(save.error, "maxDevices")}
            />
          </Group>
          <Problem error={save.error} onReload={onClose} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("action.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {partner ? t("action.save") : t("action.create")}
            </Button>
          </Group>
        </Stack>
      </form>
      {partner && <PartnerLogo partner={partner} />}
    </Dialog>
  );
}

/** The logo shown in the header to the partner's members and its organizations' users: upload, replace, remove. */
function PartnerLogo({ partner }: { partner: Partner }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const path = `/api/v1/partners/${partner.id}/logo`;
  // Changes with every upload or removal, so the preview is fetched again
  const [state, setState] = useState({ present: partner.logo ?? false, version: 0 });
  const logo = useBlobUrl(state.present ? `${path}?v=${state.version}` : null).url;
  const changed = (present: boolean) => {
    setState((s) => ({ present, version: s.version + 1 }));
    void queryClient.invalidateQueries({ queryKey: ["partners"] });
    void queryClient.invalidateQueries({ queryKey: ["branding"] });
  };
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const body = new FormData();
      body.append("file", file);
      return send(path, { method: "PUT", body });
    },
    onSuccess: () => changed(true),
  });
  const remove = useMutation({
    mutationFn: async () => send(path, { method: "DELETE" }),
    onSuccess: () => changed(false),
  });
  return (
    <Stack mt="lg" gap="xs">
      <Text fw={600}>{t("partners.logo")}</Text>
      <Text size="sm" c="dimmed">
        {t("partners.logoHelp")}
      </Text>
      {logo && <Image src={logo} alt={t("partners.logoOf", { name: partner.name })} h={48} w="auto" fit="contain" />}
      <Group>
        <FileButton onChange={(file) => file && upload.mutate(file)} accept="image/png,image/jpeg">
          {(props) => (
            <Button {...props} variant="light" loading={upload.isPending}>
              {state.present ? t("partners.replaceLogo") : t("partners.uploadLogo")}
            </Button>
          )}
        </FileButton>
        {state.present && (
          <Button variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
            {t("partners.removeLogo")}
          </Button>
        )}
      </Group>
      <Problem error={upload.error ?? remove.error} />
    </Stack>
  );
}
