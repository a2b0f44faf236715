import "@mantine/dropzone/styles.css";
import { Alert, Badge, Button, Card, FileButton, Group, Image, Loader, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Title, UnstyledButton, VisuallyHidden } from "@mantine/core";
import { Dropzone } from "@mantine/dropzone";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { send } from "../api/client";
import { ApiProblem } from "../api/problem";
import { useModels } from "../api/queries";
import { etagOfVersion, resourceKeys, useMedia, useMediaUrl, type Media, type MediaKind } from "../api/resources";
import { usePermissions } from "../auth/SessionContext";
import { Confirm } from "../components/Confirm";
import { TableScroll } from "../components/TableScroll";
import { Problem, fieldError } from "../components/Problem";
import { formatTime } from "../lib/format";
import { kindOf, mediaName, previewSize, screensOf } from "../lib/screens";

const KINDS: MediaKind[] = ["WALLPAPER", "RINGTONE", "IMAGE"];
const ACCEPT = ["image/png", "image/jpeg", "image/gif", "image/bmp", "audio/wav", "audio/x-wav", "audio/mpeg"];

/** Wallpapers, ringtones and images: upload (drag and drop or a file button), replace, delete, preview. */
export function MediaPage() {
  const { slug = "" } = useParams();
  const { t, i18n } = useTranslation();
  const { writes } = usePermissions();
  const [params, setParams] = useSearchParams();
  const kind = params.get("kind") ?? "";
  const selectedName = params.get("file");
  const list = useMedia(slug);
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState<Media | null>(null);
  const changed = () => void queryClient.invalidateQueries({ queryKey: resourceKeys.media(slug) });
  const replace = useMutation({
    mutationFn: async ({ media, file }: { media: Media; file: File }) => {
      const form = new FormData();
      form.append("file", file);
      form.append("kind", media.kind!);
      await send(`/api/v1/organizations/${encodeURIComponent(slug)}/media/${encodeURIComponent(media.name!)}`, {
        method: "PUT",
        headers: { "If-Match": etagOfVersion(media.version)! },
        body: form,
      });
    },
    onSettled: changed,
  });
  const remove = useMutation({
    mutationFn: async (media: Media) =>
      send(`/api/v1/organizations/${encodeURIComponent(slug)}/media/${encodeURIComponent(media.name!)}`, {
        method: "DELETE",
        headers: { "If-Match": etagOfVersion(media.version)! },
      }),
    onSuccess: (_, media) => {
      if (media.name === selectedName) select(null);
    },
    onSettled: () => {
      setDeleting(null);
      changed();
    },
  });
  const select = (name: string | null) => {
    const next = new URLSearchParams(params);
    if (name) next.set("file", name); else next.delete("file");
    setParams(next, { replace: true });
  };
  if (list.isPending) return <Loader />;
  if (list.error) return <Problem error={list.error} />;
  const all = list.data.items ?? [];
  const items = all.filter((m) => !kind || m.kind === kind);
  const selected = all.find((m) => m.name === selectedName);
  const inUse = remove.error instanceof ApiProblem && remove.error.status === 409 ? remove.error : undefined;
  return (
    <Stack>
      <Title order={2}>{t("media.title")}</Title>
      <Text size="sm" c="dimmed">{t("media.help")}</Text>
      {writes && <Upload slug={slug} existing={all.map((m) => m.name!)} onUploaded={(name) => { changed(); select(name); }} />}
      <SegmentedControl
        aria-label={t("media.kind")}
        value={kind}
        onChange={(v) => {
          const next = new URLSearchParams(params);
          if (v) next.set("kind", v); else next.delete("kind");
          setParams(next, { replace: true });
        }}
        data={[{ value: "", label: t("media.all") }, ...KINDS.map((k) => ({ value: k, label: t(`media.kinds.${k}`) }))]}
        style={{ alignSelf: "flex-start" }}
      />
      {inUse ? (
        <Alert color="orange" title={t("media.inUse")} role="alert" withCloseButton closeButtonLabel={t("action.close")} onClose={() => remove.reset()}>
          {inUse.detail}
        </Alert>
      ) : (
        <Problem error={remove.error ?? replace.error} onReload={() => { remove.reset(); replace.reset(); changed(); }} />
      )}
      <TableScroll minWidth={640} label={t("media.title")}>
        <Table striped data-testid="media">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("media.name")}</Table.Th>
              <Table.Th>{t("media.kind")}</Table.Th>
              <Table.Th>{t("media.type")}</Table.Th>
              <Table.Th>{t("media.size")}</Table.Th>
              <Table.Th>{t("common.updated")}</Table.Th>
              {writes && <Table.Th><VisuallyHidden>{t("tables.actions")}</VisuallyHidden></Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((m) => (
              <Table.Tr key={m.name} data-media={m.name} bg={m.name === selectedName ? "var(--mantine-primary-color-light)" : undefined}>
                <Table.Td>
                  <UnstyledButton onClick={() => select(m.name!)} aria-label={t("media.showOf", { name: m.name })} className="link-button">
                    {m.name}
                  </UnstyledButton>
                </Table.Td>
                <Table.Td><Badge variant="light">{t(`media.kinds.${m.kind}`)}</Badge></Table.Td>
                <Table.Td>{m.contentType}</Table.Td>
                <Table.Td>{formatBytes(m.size ?? 0)}</Table.Td>
                <Table.Td>{formatTime(m.updatedAt, i18n.language)}</Table.Td>
                {writes && (
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <FileButton onChange={(file) => file && replace.mutate({ media: m, file })} accept={ACCEPT.join(",")}>
                        {(props) => (
                          <Button size="compact-xs" variant="subtle" loading={replace.isPending && replace.variables?.media.name === m.name} aria-label={t("media.replaceOf", { name: m.name })} {...props}>
                            {t("media.replace")}
                          </Button>
                        )}
                      </FileButton>
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDeleting(m)} aria-label={t("media.deleteOf", { name: m.name })}>
                        {t("action.delete")}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {items.length === 0 && <Text c="dimmed">{t("media.none")}</Text>}
      {selected && <Preview slug={slug} media={selected} />}
      <Confirm
        opened={deleting !== null}
        title={t("media.deleteTitle")}
        message={t("media.deleteMessage", { name: deleting?.name ?? "" })}
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}

/** Drag a file onto the zone or choose it with the button, check its name and kind, upload. */
function Upload({ slug, existing, onUploaded }: { slug: string; existing: string[]; onUploaded: (name: string) => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [kind, setKind] = useState<MediaKind>("WALLPAPER");
  const choose = (f: File | null) => {
    if (!f) return;
    setFile(f);
    setName(mediaName(f.name));
    setKind(kindOf(f));
    upload.reset();
  };
  const upload = useMutation({
    mutationFn: async () => {
      const form = new FormData();
      form.append("file", file!);
      form.append("name", name);
      form.append("kind", kind);
      await send(`/api/v1/organizations/${encodeURIComponent(slug)}/media`, { method: "POST", body: form });
      return name;
    },
    onSuccess: (uploaded) => {
      setFile(null);
      setName("");
      onUploaded(uploaded);
    },
  });
  const taken = existing.includes(name);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file && !taken) upload.mutate();
  };
  return (
    <Card withBorder>
      <form onSubmit={submit}>
        <Stack>
          <Title order={3} size="h4">{t("media.upload")}</Title>
          <Dropzone
            onDrop={(files) => choose(files[0] ?? null)}
            multiple={false}
            accept={ACCEPT}
            activateOnClick={false}
            inputProps={{ "aria-label": t("media.chooseFile") }}
            data-testid="dropzone"
          >
            <Stack align="center" gap={4} py="md" style={{ pointerEvents: "none" }}>
              <Text>{file ? file.name : t("media.dropHere")}</Text>
              <Text size="xs" c="dimmed">{t("media.formats")}</Text>
            </Stack>
          </Dropzone>
          <Group align="flex-start">
            <FileButton onChange={choose} accept={ACCEPT.join(",")}>
              {(props) => <Button variant="default" mt={24} {...props}>{t("media.chooseFile")}</Button>}
            </FileButton>
            <TextInput
              label={t("media.name")}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={taken ? t("media.nameTaken") : fieldError(upload.error, "name")}
              disabled={!file}
              style={{ flex: 1, minWidth: 180 }}
            />
            <Select
              label={t("media.kind")}
              data={KINDS.map((k) => ({ value: k, label: t(`media.kinds.${k}`) }))}
              value={kind}
              onChange={(v) => v && setKind(v as MediaKind)}
              allowDeselect={false}
              disabled={!file}
              error={fieldError(upload.error, "kind")}
              w={160}
            />
          </Group>
          {fieldError(upload.error, "file") && <Text c="red" size="sm" role="alert">{fieldError(upload.error, "file")}</Text>}
          {upload.error instanceof ApiProblem && upload.error.errors.length === 0 && <Problem error={upload.error} />}
          <Group justify="flex-end">
            <Button type="submit" disabled={!file || taken || !name} loading={upload.isPending}>{t("media.uploadRun")}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The file itself (image or player), and a wallpaper as each screen size gets it: scaled to cover, centre cropped. */
function Preview({ slug, media }: { slug: string; media: Media }) {
  const { t } = useTranslation();
  const { url, error } = useMediaUrl(slug, media);
  const models = useModels();
  const audio = media.contentType?.startsWith("audio/");
  const screens = media.kind === "WALLPAPER" ? screensOf(models.data ?? []) : [];
  return (
    <Card withBorder data-testid="media-preview">
      <Stack>
        <Title order={3} size="h4">{t("media.previewOf", { name: media.name })}</Title>
        <Problem error={error} />
        {!url && !error && <Loader size="sm" />}
        {url && audio && (
          <audio controls src={url} aria-label={t("media.playOf", { name: media.name })}>
            {media.name}
          </audio>
        )}
        {url && !audio && (
          <>
            <Image src={url} alt={t("media.original", { name: media.name })} maw={480} fit="contain" radius="sm" />
            {screens.length > 0 && (
              <>
                <Text size="sm" c="dimmed">{t("media.screensHelp")}</Text>
                <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} data-testid="screen-previews">
                  {screens.map((s) => {
                    const size = previewSize(s, 240);
                    return (
                      <Stack key={`${s.width}x${s.height}`} gap={4} data-screen={`${s.width}x${s.height}`}>
                        <div className="screen" style={{ width: size.width, height: size.height }}>
                          <img src={url} alt={t("media.onScreen", { width: s.width, height: s.height })} />
                        </div>
                        <Text size="sm" fw={600}>{s.width} × {s.height}</Text>
                        <Text size="xs" c="dimmed">{s.models.join(", ")}</Text>
                      </Stack>
                    );
                  })}
                </SimpleGrid>
              </>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}

function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KiB`;
  return `${(size / 1024 / 1024).toFixed(1)} MiB`;
}
