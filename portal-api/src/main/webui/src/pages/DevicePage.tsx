import { ActionIcon, Badge, Button, Card, Code, Group, Loader, NumberInput, PasswordInput, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { api, type Device, type DeviceInput } from "../api/client";
import { keys, useDevice, useDevicePreview, useDeviceStatus } from "../api/queries";
import { usePermissions } from "../auth/SessionContext";
import { Confirm } from "../components/Confirm";
import { MoveDevice } from "../components/MoveDevices";
import { Problem, fieldError } from "../components/Problem";
import { formatMac, formatTime } from "../lib/format";
import { formatSettings } from "../lib/settingsText";
import { SettingsEditor, settingsToSave } from "../components/SettingsEditor";

/** One phone: its configuration, what it last fetched, and its files as the phone gets them. */
export function DevicePage() {
  const { slug = "", mac = "" } = useParams();
  const { t } = useTranslation();
  const query = useDevice(slug, mac);
  const [tab, setTab] = useState<string | null>("settings");
  const [saved, setSaved] = useState(false);
  const [moving, setMoving] = useState(false);
  const { movesDevices } = usePermissions();
  if (query.isPending) return <Loader />;
  if (query.error) return <Problem error={query.error} />;
  const { device, etag } = query.data;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} ff="monospace">
          {formatMac(device.mac!)}
        </Title>
        <Group>
          {movesDevices && <Button variant="default" onClick={() => setMoving(true)}>{t("move.button")}</Button>}
          <Badge size="lg">{device.model}</Badge>
        </Group>
      </Group>
      {movesDevices && <MoveDevice slug={slug} mac={device.mac!} etag={etag} opened={moving} onClose={() => setMoving(false)} onReload={() => void query.refetch()} />}
      <StatusCard slug={slug} mac={device.mac!} />
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="settings">{t("device.configuration")}</Tabs.Tab>
          <Tabs.Tab value="files">{t("device.files")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="settings" pt="md">
          <DeviceForm key={etag} slug={slug} device={device} etag={etag} saved={saved} onSaved={() => setSaved(true)} onReload={() => void query.refetch()} />
        </Tabs.Panel>
        <Tabs.Panel value="files" pt="md">
          <Files slug={slug} mac={device.mac!} enabled={tab === "files"} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function StatusCard({ slug, mac }: { slug: string; mac: string }) {
  const { t, i18n } = useTranslation();
  const status = useDeviceStatus(slug, mac);
  if (!status.data) return <Problem error={status.error} />;
  const s = status.data;
  return (
    <Card withBorder data-testid="device-status">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">{t("device.status")}</Title>
        {s.lastSeenAt ? (
          <Badge color={s.upToDate ? "green" : "yellow"} data-testid="up-to-date">
            {s.upToDate ? t("device.upToDate") : t("device.pending")}
          </Badge>
        ) : (
          <Badge color="gray" data-testid="up-to-date">{t("device.neverSeen")}</Badge>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Field label={t("device.lastSeen")} value={formatTime(s.lastSeenAt, i18n.language)} />
        <Field label={t("device.ip")} value={s.lastIp} />
        <Field label={t("device.firmware")} value={s.firmware} />
        <Field label={t("device.lastOutcome")} value={s.lastOutcome ? `${s.lastOutcome} (${s.lastFile ?? ""})` : undefined} />
      </SimpleGrid>
      {s.userAgent && (
        <Text size="xs" c="dimmed" mt="xs" data-testid="user-agent">
          {s.userAgent}
        </Text>
      )}
      {(s.files?.length ?? 0) > 0 && (
        <Table mt="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("device.file")}</Table.Th>
              <Table.Th>{t("device.delivered")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.files!.map((f) => (
              <Table.Tr key={f.file}>
                <Table.Td ff="monospace">{f.file}</Table.Td>
                <Table.Td>{formatTime(f.deliveredAt, i18n.language)}</Table.Td>
                <Table.Td>
                  <Badge size="sm" color={f.current ? "green" : "yellow"}>{f.current ? t("device.upToDate") : t("device.pending")}</Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function Field({ label, value }: { label: string; value?: string | null }) {
  return (
    <div>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm">{value || "–"}</Text>
    </div>
  );
}

type Transport = "UDP" | "TCP" | "TLS";
type AccountForm = { index: number; userName: string; password: string; server: string; port: number; transport: Transport; displayName: string; label: string; passwordSet: boolean };

function DeviceForm({ slug, device, etag, saved, onSaved, onReload }: {
  slug: string; device: Device; etag?: string; saved: boolean; onSaved: () => void; onReload: () => void;
}) {
  const { t } = useTranslation();
  const { writes } = usePermissions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [label, setLabel] = useState(device.label ?? "");
  const [settings, setSettings] = useState(formatSettings(device.settings));
  const [accounts, setAccounts] = useState<AccountForm[]>(
    (device.accounts ?? []).map((a) => ({
      index: a.index!, userName: a.userName ?? "", password: "", server: a.server ?? "", port: a.port ?? 5060, transport: (a.transport as Transport | undefined) ?? "UDP",
      displayName: a.displayName ?? "", label: a.label ?? "", passwordSet: a.passwordSet ?? false,
    })),
  );
  const [confirmDelete, setConfirmDelete] = useState(false);
  const save = useMutation({
    mutationFn: async () => {
      const body: DeviceInput = {
        mac: device.mac!,
        model: device.model!,
        label: label || undefined,
        settings: settingsToSave(settings, t),
        phonebookIds: device.phonebookIds,
        wallpaper: device.wallpaper,
        ringtone: device.ringtone,
        accounts: accounts.map((a) => ({
          index: a.index, userName: a.userName, server: a.server, port: a.port, transport: a.transport, password: a.password || undefined,
          displayName: a.displayName || undefined, label: a.label || undefined,
        })),
      };
      return api.PUT("/api/v1/organizations/{orgId}/devices/{mac}", {
        params: { path: { orgId: slug, mac: device.mac! }, header: { "If-Match": etag } },
        body,
      });
    },
    onSuccess: () => {
      onSaved();
      void queryClient.invalidateQueries({ queryKey: keys.device(slug, device.mac!) });
      void queryClient.invalidateQueries({ queryKey: keys.status(slug, device.mac!) });
      void queryClient.invalidateQueries({ queryKey: keys.preview(slug, device.mac!) });
      void queryClient.invalidateQueries({ queryKey: ["organization", slug, "devices"] });
    },
  });
  const remove = useMutation({
    mutationFn: async () =>
      api.DELETE("/api/v1/organizations/{orgId}/devices/{mac}", {
        params: { path: { orgId: slug, mac: device.mac! }, header: { "If-Match": etag } },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["organization", slug, "devices"] });
      navigate(`/o/${slug}/devices`);
    },
  });
  const setAccount = (i: number, field: keyof AccountForm, value: string | number) =>
    setAccounts(accounts.map((a, j) => (j === i ? { ...a, [field]: value } : a)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput label={t("devices.label")} value={label} onChange={(e) => setLabel(e.currentTarget.value)} readOnly={!writes} error={fieldError(save.error, "label")} maw={480} />
        <Title order={3} size="h5">{t("devices.accounts")}</Title>
        {accounts.map((a, i) => (
          <Card withBorder key={i} data-testid={`account-${a.index}`}>
            <Group align="flex-start" wrap="wrap">
              <NumberInput label={t("account.index")} value={a.index} min={1} w={90} onChange={(v) => setAccount(i, "index", Number(v))} readOnly={!writes} error={fieldError(save.error, `accounts[${i}].index`)} />
              <TextInput label={t("account.userName")} value={a.userName} onChange={(e) => setAccount(i, "userName", e.currentTarget.value)} readOnly={!writes} error={fieldError(save.error, `accounts[${i}].userName`)} />
              {writes && (
                <PasswordInput
                  w={220}
                  label={t("account.password")}
                  placeholder={a.passwordSet ? t("account.passwordKept") : undefined}
                  value={a.password}
                  onChange={(e) => setAccount(i, "password", e.currentTarget.value)}
                  autoComplete="new-password"
                  error={fieldError(save.error, `accounts[${i}].password`)}
                />
              )}
              <TextInput label={t("account.server")} value={a.server} onChange={(e) => setAccount(i, "server", e.currentTarget.value)} readOnly={!writes} error={fieldError(save.error, `accounts[${i}].server`)} />
              <TextInput label={t("account.displayName")} value={a.displayName} onChange={(e) => setAccount(i, "displayName", e.currentTarget.value)} readOnly={!writes} error={fieldError(save.error, `accounts[${i}].displayName`)} />
              {writes && (
                <ActionIcon mt={26} variant="subtle" color="red" aria-label={t("account.remove", { index: a.index })} onClick={() => setAccounts(accounts.filter((_, j) => j !== i))}>
                  ×
                </ActionIcon>
              )}
            </Group>
          </Card>
        ))}
        {writes && (
          <Group>
            <Button variant="light" size="xs" onClick={() => setAccounts([...accounts, { index: Math.max(0, ...accounts.map((a) => a.index)) + 1, userName: "", password: "", server: "", port: 5060, transport: "UDP", displayName: "", label: "", passwordSet: false }])}>
              {t("account.add")}
            </Button>
          </Group>
        )}
        <SettingsEditor label={t("device.settings")} value={settings} onChange={setSettings} readOnly={!writes} error={save.error} />
        <Problem error={save.error ?? remove.error} onReload={onReload} />
        {saved && <Text c="green" role="status">{t("common.saved")}</Text>}
        {writes && (
          <Group justify="space-between">
            <Button color="red" variant="subtle" onClick={() => setConfirmDelete(true)}>{t("action.delete")}</Button>
            <Button type="submit" loading={save.isPending}>{t("action.save")}</Button>
          </Group>
        )}
      </Stack>
      <Confirm
        opened={confirmDelete}
        title={t("device.deleteTitle")}
        message={t("device.deleteMessage", { mac: formatMac(device.mac!) })}
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirmDelete(false)}
      />
    </form>
  );
}

function Files({ slug, mac, enabled }: { slug: string; mac: string; enabled: boolean }) {
  const { t } = useTranslation();
  const preview = useDevicePreview(slug, mac, enabled);
  if (preview.error) return <Problem error={preview.error} />;
  if (!preview.data) return <Loader />;
  return (
    <Stack>
      <Text size="sm" c="dimmed">{t("device.filesHelp")}</Text>
      {preview.data.map((f) => (
        <Card withBorder key={f.name}>
          <Group justify="space-between">
            <Text ff="monospace" fw={600}>{f.name}</Text>
            {f.encrypted && <Badge>{t("device.encrypted")}</Badge>}
          </Group>
          <Code block mt="xs" mah={400} style={{ overflow: "auto" }}>
            {f.content}
          </Code>
        </Card>
      ))}
    </Stack>
  );
}
