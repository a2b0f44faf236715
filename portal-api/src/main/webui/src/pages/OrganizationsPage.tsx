import { Anchor, Button, Group, PasswordInput, Select, Stack, Table, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api, type AuthMode, type Organization, type OrganizationInput } from "../api/client";
import { useOrganizations } from "../api/queries";
import { usePermissions } from "../auth/SessionContext";
import { Confirm } from "../components/Confirm";
import { Pager } from "../components/Pager";
import { Problem, fieldError } from "../components/Problem";
import { formatTime } from "../lib/format";
import { Dialog } from "../components/Dialog";

/** Every organization the caller may see; the search and page are in the URL, so back and forward keep them. */
export function OrganizationsPage() {
  const { t, i18n } = useTranslation();
  const permissions = usePermissions();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get("page") ?? 0);
  const [q, setQ] = useState(params.get("q") ?? "");
  const [query] = useDebouncedValue(q, 250);
  const partner = params.get("partner") ?? undefined;
  const list = useOrganizations({ page, size: 50, q: query, sort: "name", partner });
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Organization | null>(null);
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: async (o: Organization) =>
      api.DELETE("/api/v1/organizations/{orgId}", {
        params: { path: { orgId: o.id! }, header: { "If-Match": `"${o.version}"` } },
      }),
    onSuccess: () => {
      setDeleting(null);
      void queryClient.invalidateQueries({ queryKey: ["organizations"] });
    },
  });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("organizations.title")}</Title>
        {permissions.managesOrganizations && <Button onClick={() => setCreating(true)}>{t("organizations.create")}</Button>}
      </Group>
      <TextInput
        label={t("organizations.search")}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          setParams({ q: e.currentTarget.value, ...(partner ? { partner } : {}) }, { replace: true });
        }}
        maw={360}
      />
      <Problem error={list.error ?? remove.error} />
      <Table.ScrollContainer minWidth={800}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("organizations.name")}</Table.Th>
              <Table.Th>{t("organizations.slug")}</Table.Th>
              <Table.Th>{t("health.devices")}</Table.Th>
              <Table.Th>{t("health.seen24h")}</Table.Th>
              <Table.Th>{t("health.pending")}</Table.Th>
              <Table.Th>{t("health.rpsConflicts")}</Table.Th>
              <Table.Th>{t("common.updated")}</Table.Th>
              {permissions.managesOrganizations && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items?.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/o/${o.slug}`}>
                    {o.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{o.slug}</Table.Td>
                <Table.Td>{o.fleet?.devices ?? 0}</Table.Td>
                <Table.Td>{o.fleet?.seenLastDay ?? 0}</Table.Td>
                <Table.Td>{o.fleet?.pending ?? 0}</Table.Td>
                <Table.Td>{o.fleet?.rpsConflicts ?? 0}</Table.Td>
                <Table.Td>{formatTime(o.updatedAt, i18n.language)}</Table.Td>
                {permissions.managesOrganizations && (
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDeleting(o)}>
                      {t("action.delete")}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.data && (
        <Pager
          page={page}
          totalPages={list.data.totalPages ?? 0}
          totalItems={list.data.totalItems ?? 0}
          onPage={(p) => setParams({ q, page: String(p), ...(partner ? { partner } : {}) })}
        />
      )}
      <CreateOrganization opened={creating} onClose={() => setCreating(false)} />
      <Confirm
        opened={deleting !== null}
        title={t("organizations.deleteTitle")}
        message={t("organizations.deleteMessage", { name: deleting?.name ?? "" })}
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}

function CreateOrganization({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: "", slug: "", username: "", password: "", authMode: "DIGEST" });
  const create = useMutation({
    mutationFn: async () => {
      const body: OrganizationInput = {
        name: form.name,
        slug: form.slug,
        provisioning: { username: form.username, password: form.password, authMode: form.authMode as AuthMode },
      };
      return (await api.POST("/api/v1/organizations", { body })).data!;
    },
    onSuccess: (o) => {
      void queryClient.invalidateQueries({ queryKey: ["organizations"] });
      onClose();
      navigate(`/o/${o.slug}`);
    },
  });
  const set = (field: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [field]: e.currentTarget.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Dialog opened={opened} onClose={onClose} title={t("organizations.create")}>
      <form onSubmit={submit}>
        <Stack>
          <TextInput label={t("organizations.name")} required value={form.name} onChange={set("name")} error={fieldError(create.error, "name")} />
          <TextInput
            label={t("organizations.slug")}
            description={t("organizations.slugHelp")}
            required
            value={form.slug}
            onChange={set("slug")}
            error={fieldError(create.error, "slug")}
          />
          <TextInput
            label={t("organizations.username")}
            required
            value={form.username}
            onChange={set("username")}
            error={fieldError(create.error, "provisioning.username")}
          />
          <PasswordInput
            label={t("organizations.password")}
            required
            value={form.password}
            onChange={set("password")}
            error={fieldError(create.error, "provisioning.password")}
            autoComplete="new-password"
          />
          <Select
            label={t("organizations.authMode")}
            data={["DIGEST", "BASIC", "BOTH"]}
            value={form.authMode}
            onChange={(v) => setForm({ ...form, authMode: v ?? "DIGEST" })}
            allowDeselect={false}
          />
          <Problem error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("action.cancel")}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t("action.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
