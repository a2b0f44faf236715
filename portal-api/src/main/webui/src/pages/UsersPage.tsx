import { Alert, Button, Checkbox, Code, Group, PasswordInput, Select, Stack, Switch, Table, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { api, send, type Schemas } from "../api/client";
import { Confirm } from "../components/Confirm";
import { Dialog } from "../components/Dialog";
import { Problem, fieldError } from "../components/Problem";
import { formatTime } from "../lib/format";

type Login = Schemas["Login"];
type Role = NonNullable<Login["role"]>;

/** The organization's own logins (Keycloak users): admins create, disable, re-role and delete them. */
export function UsersPage() {
  const { slug = "" } = useParams();
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const key = ["organization", slug, "logins"];
  const logins = useQuery({
    queryKey: key,
    queryFn: async () => (await api.GET("/api/v1/organizations/{orgId}/logins", { params: { path: { orgId: slug } } })).data!,
  });
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Login | null>(null);
  const update = useMutation({
    mutationFn: async ({ login, enabled, role }: { login: Login; enabled: boolean; role: Role }) =>
      api.PUT("/api/v1/organizations/{orgId}/logins/{loginId}", {
        params: { path: { orgId: slug, loginId: login.id! } },
        body: { username: login.username!, enabled, role },
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  const remove = useMutation({
    mutationFn: async (login: Login) =>
      api.DELETE("/api/v1/organizations/{orgId}/logins/{loginId}", { params: { path: { orgId: slug, loginId: login.id! } } }),
    onSuccess: () => {
      setDeleting(null);
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const invite = useMutation({
    mutationFn: async (login: Login) =>
      send(`/api/v1/organizations/${encodeURIComponent(slug)}/logins/${login.id}/invitation`, { method: "POST" }).then(() => login),
  });
  const roles = [
    { value: "ORG_ADMIN", label: t("users.admin") },
    { value: "ORG_VIEWER", label: t("users.viewer") },
  ];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("users.title")}</Title>
        <Button onClick={() => setCreating(true)}>{t("users.create")}</Button>
      </Group>
      <Problem error={logins.error ?? update.error ?? remove.error ?? invite.error} />
      {invite.data && (
        <Alert color="indigo" role="status" data-testid="invitation-sent">
          {t("users.invitationSent", { email: invite.data.email })}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={720}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("users.username")}</Table.Th>
              <Table.Th>{t("users.name")}</Table.Th>
              <Table.Th>{t("users.email")}</Table.Th>
              <Table.Th>{t("users.role")}</Table.Th>
              <Table.Th>{t("users.enabled")}</Table.Th>
              <Table.Th>{t("users.created")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {logins.data?.map((l) => (
              <Table.Tr key={l.id} data-login={l.username}>
                <Table.Td>{l.username}</Table.Td>
                <Table.Td>{[l.firstName, l.lastName].filter(Boolean).join(" ")}</Table.Td>
                <Table.Td>{l.email}</Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t("users.roleOf", { name: l.username })}
                    size="xs"
                    data={roles}
                    value={l.role ?? null}
                    allowDeselect={false}
                    onChange={(v) => v && update.mutate({ login: l, enabled: l.enabled ?? true, role: v as Role })}
                  />
                </Table.Td>
                <Table.Td>
                  <Switch
                    aria-label={t("users.enabledOf", { name: l.username })}
                    checked={l.enabled ?? false}
                    onChange={(e) => update.mutate({ login: l, enabled: e.currentTarget.checked, role: (l.role ?? "ORG_VIEWER") as Role })}
                  />
                </Table.Td>
                <Table.Td>{formatTime(l.createdAt, i18n.language)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {l.email && (
                      <Button size="compact-xs" variant="subtle" loading={invite.isPending && invite.variables?.id === l.id} onClick={() => invite.mutate(l)}>
                        {t("users.invite")}
                      </Button>
                    )}
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDeleting(l)}>
                      {t("action.delete")}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <CreateLogin slug={slug} opened={creating} onClose={() => setCreating(false)} roles={roles} />
      <Confirm
        opened={deleting !== null}
        title={t("users.deleteTitle")}
        message={t("users.deleteMessage", { name: deleting?.username ?? "" })}
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}

function CreateLogin({ slug, opened, onClose, roles }: {
  slug: string;
  opened: boolean;
  onClose: () => void;
  roles: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const empty = { username: "", email: "", firstName: "", lastName: "", role: "ORG_ADMIN", temporaryPassword: "", invite: false };
  const [form, setForm] = useState(empty);
  const create = useMutation({
    mutationFn: async () =>
      (await api.POST("/api/v1/organizations/{orgId}/logins", {
        params: { path: { orgId: slug } },
        body: {
          username: form.username,
          email: form.email || undefined,
          firstName: form.firstName || undefined,
          lastName: form.lastName || undefined,
          role: form.role as Role,
          enabled: true,
          temporaryPassword: form.invite ? undefined : form.temporaryPassword || undefined,
          invite: form.invite,
        },
      })).data!,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["organization", slug, "logins"] }),
  });
  const set = (field: Exclude<keyof typeof empty, "invite">) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [field]: e.currentTarget.value });
  const close = () => {
    create.reset();
    setForm(empty);
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Dialog opened={opened} onClose={close} title={t("users.create")}>
      {create.data ? (
        <Stack>
          {create.data.temporaryPassword ? (
            <Alert color="green" title={t("users.createdOne", { name: create.data.login?.username })} role="status">
              <Text size="sm">{t("users.handOver")}</Text>
              <Code block mt="xs" data-testid="temporary-password">
                {create.data.temporaryPassword}
              </Code>
            </Alert>
          ) : (
            <Alert color="green" title={t("users.createdOne", { name: create.data.login?.username })} role="status" data-testid="invited">
              <Text size="sm">{t("users.invitationSent", { email: create.data.login?.email })}</Text>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button onClick={close}>{t("action.close")}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <TextInput label={t("users.username")} required value={form.username} onChange={set("username")} error={fieldError(create.error, "username")} />
            <TextInput label={t("users.email")} value={form.email} onChange={set("email")} error={fieldError(create.error, "email")} />
            <Group grow>
              <TextInput label={t("users.firstName")} value={form.firstName} onChange={set("firstName")} error={fieldError(create.error, "firstName")} />
              <TextInput label={t("users.lastName")} value={form.lastName} onChange={set("lastName")} error={fieldError(create.error, "lastName")} />
            </Group>
            <Select label={t("users.role")} data={roles} value={form.role} allowDeselect={false} onChange={(v) => setForm({ ...form, role: v ?? "ORG_ADMIN" })} error={fieldError(create.error, "role")} />
            <Checkbox
              label={t("users.inviteByEmail")}
              description={t("users.inviteByEmailHelp")}
              checked={form.invite}
              disabled={!form.email}
              onChange={(e) => setForm({ ...form, invite: e.currentTarget.checked })}
            />
            {!form.invite && (
              <PasswordInput
                label={t("users.temporaryPassword")}
                description={t("users.temporaryPasswordHelp")}
                value={form.temporaryPassword}
                onChange={set("temporaryPassword")}
                autoComplete="new-password"
                error={fieldError(create.error, "temporaryPassword")}
              />
            )}
            <Problem error={create.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>{t("action.cancel")}</Button>
              <Button type="submit" loading={create.isPending}>{t("action.create")}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Dialog>
  );
}
