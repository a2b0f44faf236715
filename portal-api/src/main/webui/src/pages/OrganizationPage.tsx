import { Badge, Button, Card, Code, Group, Loader, NumberInput, PasswordInput, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { api, type AuthMode, type Organization, type OrganizationInput } from "../api/client";
import { keys, useOrganization } from "../api/queries";
import { usePermissions } from "../auth/SessionContext";
import { CredentialRotation } from "../components/CredentialRotation";
import { DeviceQuotaCard } from "../components/DeviceQuotaCard";
import { HealthSummary } from "../components/HealthSummary";
import { Problem, fieldError } from "../components/Problem";
import { formatTime } from "../lib/format";
import { formatSettings } from "../lib/settingsText";
import { SettingsEditor, settingsToSave } from "../components/SettingsEditor";

/** An organization's overview: where RPS sends its phones, how they log in, and its settings. */
export function OrganizationPage() {
  const { slug = "" } = useParams();
  const { t, i18n } = useTranslation();
  const query = useOrganization(slug);
  const [saved, setSaved] = useState(false);
  if (query.isPending) return <Loader />;
  if (query.error) return <Problem error={query.error} />;
  const { organization, etag } = query.data;
  return (
    <Stack>
      <Title order={2}>{organization.name}</Title>
      <Card withBorder>
        <Text fw={600}>{t("organization.provisioningUrl")}</Text>
        <Text size="sm" c="dimmed">
          {t("organization.provisioningUrlHelp")}
        </Text>
        <Code block mt="xs" data-testid="provisioning-url">
          {organization.provisioning?.url}
        </Code>
        {(organization.formerSlugs?.length ?? 0) > 0 && (
          <Text size="sm" c="dimmed" mt="xs" data-testid="former-slugs">
            {t("organization.formerSlugs")}:{" "}
            {organization.formerSlugs!.map((f) => `/o/${f.slug}/ (${t("organization.formerSlugUntil", { until: formatTime(f.validUntil, i18n.language) })})`).join(", ")}
          </Text>
        )}
      </Card>
      <HealthSummary slug={organization.slug!} />
      <DeviceQuotaCard slug={organization.slug!} />
      <CredentialRotation slug={organization.slug!} organizationId={organization.id!} etag={etag} />
      <OrganizationForm key={etag} organization={organization} etag={etag} saved={saved} onSaved={() => setSaved(true)} onReload={() => void query.refetch()} />
    </Stack>
  );
}

function OrganizationForm({ organization, etag, saved, onSaved, onReload }: {
  organization: Organization; etag?: string; saved: boolean; onSaved: () => void; onReload: () => void;
}) {
  const { t } = useTranslation();
  const { writes } = usePermissions();
  const queryClient = useQueryClient();
  const initial = () => ({
    name: organization.name ?? "",
    slug: organization.slug ?? "",
    username: organization.provisioning?.username ?? "",
    password: "",
    authMode: organization.provisioning?.authMode ?? "DIGEST",
    encrypted: organization.encryption?.enabled ?? false,
    settings: formatSettings(organization.settings),
    caCertificate: organization.caCertificate ?? "",
    graceDays: organization.graceDays ?? 30,
  });
  const [form, setForm] = useState(initial);
  const save = useMutation({
    mutationFn: async () => {
      const body: OrganizationInput = {
        name: form.name,
        slug: form.slug,
        provisioning: { username: form.username, password: form.password || undefined, authMode: form.authMode as AuthMode },
        encryption: { enabled: form.encrypted },
        settings: settingsToSave(form.settings, t),
        caCertificate: form.caCertificate.trim() || undefined,
        graceDays: form.graceDays,
        // A PUT replaces the organization: its own update schedule (set through the API) is kept as it is
        updateSchedule: organization.updateSchedule,
      };
      return api.PUT("/api/v1/organizations/{orgId}", {
        params: { path: { orgId: organization.id! }, header: { "If-Match": etag } },
        body,
      });
    },
    onSuccess: ({ data }) => {
      onSaved();
      void queryClient.invalidateQueries({ queryKey: keys.organization(organization.slug!) });
      void queryClient.invalidateQueries({ queryKey: ["organizations"] });
      if (data && data.slug !== organization.slug) window.location.assign(`/console/o/${data.slug}`);
    },
  });
  const set = (field: "name" | "slug" | "username" | "password" | "settings" | "caCertificate") =>
    (e: { currentTarget: { value: string } }) => setForm({ ...form, [field]: e.currentTarget.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <form onSubmit={submit}>
      <Stack>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder>
            <Stack gap="sm">
              <Title order={3} size="h5">{t("organization.identity")}</Title>
              <TextInput label={t("organizations.name")} value={form.name} onChange={set("name")} readOnly={!writes} error={fieldError(save.error, "name")} />
              <TextInput label={t("organizations.slug")} value={form.slug} onChange={set("slug")} readOnly={!writes} error={fieldError(save.error, "slug")} />
              <NumberInput
                label={t("organization.graceDays")}
                description={t("organization.graceDaysHelp")}
                value={form.graceDays}
                onChange={(v) => setForm({ ...form, graceDays: typeof v === "number" ? v : 0 })}
                min={0}
                max={365}
                allowDecimal={false}
                readOnly={!writes}
                error={fieldError(save.error, "graceDays")}
              />
            </Stack>
          </Card>
          <Card withBorder>
            <Stack gap="sm">
              <Title order={3} size="h5">{t("organization.credentials")}</Title>
              <TextInput label={t("organizations.username")} value={form.username} onChange={set("username")} readOnly={!writes} error={fieldError(save.error, "provisioning.username")} />
              {writes && (
                <PasswordInput
                  label={t("organizations.password")}
                  description={t("organization.passwordHelp")}
                  value={form.password}
                  onChange={set("password")}
                  autoComplete="new-password"
                  error={fieldError(save.error, "provisioning.password")}
                />
              )}
              <Group>
                <Select
                  label={t("organizations.authMode")}
                  data={["DIGEST", "BASIC", "BOTH"]}
                  value={form.authMode}
                  onChange={(v) => setForm({ ...form, authMode: (v as AuthMode | null) ?? "DIGEST" })}
                  readOnly={!writes}
                  allowDeselect={false}
                />
                <Switch
                  mt="lg"
                  label={t("organization.encryption")}
                  checked={form.encrypted}
                  disabled={!writes}
                  onChange={(e) => setForm({ ...form, encrypted: e.currentTarget.checked })}
                />
              </Group>
              <Group gap="xs">
                <Badge color={organization.provisioning?.passwordSet ? "green" : "gray"}>
                  {organization.provisioning?.passwordSet ? t("organization.passwordSet") : t("organization.passwordNotSet")}
                </Badge>
              </Group>
            </Stack>
          </Card>
        </SimpleGrid>
        <Card withBorder>
          <SettingsEditor label={t("organization.settings")} value={form.settings} onChange={(v) => setForm({ ...form, settings: v })} readOnly={!writes} error={save.error} />
        </Card>
        <Card withBorder>
          <Textarea
            label={t("organization.caCertificate")}
            description={t("organization.caCertificateHelp")}
            value={form.caCertificate}
            onChange={set("caCertificate")}
            readOnly={!writes}
            autosize
            minRows={2}
            maxRows={10}
            styles={{ input: { fontFamily: "monospace" } }}
            error={fieldError(save.error, "caCertificate")}
          />
        </Card>
        <Problem error={save.error} onReload={onReload} />
        {saved && <Text c="green" role="status">{t("common.saved")}</Text>}
        {writes && (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t("action.save")}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
