import { Button, Code, Group, Loader, Stack, Table, Text, TextInput, Textarea, Title, VisuallyHidden } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { etagOf, send } from "../api/client";
import { etagOfVersion, resourceKeys, useGlobalXml, type GlobalXml } from "../api/resources";
import { usePermissions } from "../auth/SessionContext";
import { Confirm } from "../components/Confirm";
import { Dialog } from "../components/Dialog";
import { TableScroll } from "../components/TableScroll";
import { Problem, fieldError } from "../components/Problem";
import { formatTime } from "../lib/format";

const EXAMPLE = '<?xml version="1.0" encoding="UTF-8"?>\n<SoftKeyItem>\n</SoftKeyItem>';

/** The organization's global XML files (softkey layouts and the like), which its phones fetch by name. */
export function GlobalXmlPage() {
  const { slug = "" } = useParams();
  const { t, i18n } = useTranslation();
  const { writes } = usePermissions();
  const list = useGlobalXml(slug);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<GlobalXml | "new" | null>(null);
  const [deleting, setDeleting] = useState<GlobalXml | null>(null);
  const changed = () => void queryClient.invalidateQueries({ queryKey: resourceKeys.globalXml(slug) });
  const remove = useMutation({
    mutationFn: async (x: GlobalXml) =>
      send(`/api/v1/organizations/${encodeURIComponent(slug)}/global-xml/${encodeURIComponent(x.name!)}`, {
        method: "DELETE",
        headers: { "If-Match": etagOfVersion(x.version)! },
      }),
    onSuccess: () => setDeleting(null),
    onSettled: changed,
  });
  if (list.isPending) return <Loader />;
  if (list.error) return <Problem error={list.error} />;
  const items = list.data.items ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("globalXml.title")}</Title>
        {writes && <Button onClick={() => setEditing("new")}>{t("globalXml.create")}</Button>}
      </Group>
      <Text size="sm" c="dimmed">{t("globalXml.help")}</Text>
      <Problem error={remove.error} onReload={() => { remove.reset(); changed(); }} />
      <TableScroll minWidth={520} label={t("globalXml.title")}>
        <Table striped data-testid="global-xml">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("globalXml.name")}</Table.Th>
              <Table.Th>{t("globalXml.path")}</Table.Th>
              <Table.Th>{t("media.size")}</Table.Th>
              <Table.Th>{t("common.updated")}</Table.Th>
              <Table.Th><VisuallyHidden>{t("tables.actions")}</VisuallyHidden></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((x) => (
              <Table.Tr key={x.name} data-xml={x.name}>
                <Table.Td>{x.name}</Table.Td>
                <Table.Td><Code>/xml/_global/{x.name}.xml</Code></Table.Td>
                <Table.Td>{x.size} B</Table.Td>
                <Table.Td>{formatTime(x.updatedAt, i18n.language)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => setEditing(x)} aria-label={t(writes ? "globalXml.editOf" : "globalXml.viewOf", { name: x.name })}>
                      {writes ? t("globalXml.edit") : t("globalXml.view")}
                    </Button>
                    {writes && (
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDeleting(x)} aria-label={t("globalXml.deleteOf", { name: x.name })}>
                        {t("action.delete")}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {items.length === 0 && <Text c="dimmed">{t("globalXml.none")}</Text>}
      {editing !== null && (
        <XmlEditor slug={slug} file={editing === "new" ? undefined : editing} existing={items.map((x) => x.name!)} onSaved={changed} onClose={() => setEditing(null)} />
      )}
      <Confirm
        opened={deleting !== null}
        title={t("globalXml.deleteTitle")}
        message={t("globalXml.deleteMessage", { name: deleting?.name ?? "" })}
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}

/**
 * A global XML file in a monospace editor: read with its ETag, saved under If-Match; a new one under
 * If-None-Match: *, so that a file another admin created meanwhile under that name is not overwritten.
 */
function XmlEditor({ slug, file, existing, onSaved, onClose }: {
  slug: string; file?: GlobalXml; existing: string[]; onSaved: () => void; onClose: () => void;
}) {
  const { t } = useTranslation();
  const { writes } = usePermissions();
  const [name, setName] = useState(file?.name ?? "");
  const [content, setContent] = useState(file ? "" : EXAMPLE);
  const [etag, setEtag] = useState<string | undefined>();
  const path = (n: string) => `/api/v1/organizations/${encodeURIComponent(slug)}/global-xml/${encodeURIComponent(n)}`;
  const load = useMutation({
    mutationFn: async () => {
      const response = await send(path(file!.name!), { headers: { Accept: "application/xml" } });
      setContent(await response.text());
      setEtag(etagOf(response));
    },
  });
  const { mutate: read } = load;
  useEffect(() => {
    if (file) read();
  }, [file, read]);
  const save = useMutation({
    mutationFn: async () => {
      const headers: Record<string, string> = { "Content-Type": "application/xml" };
      if (etag) headers["If-Match"] = etag;
      else if (!file) headers["If-None-Match"] = "*";
      const response = await send(path(name), { method: "PUT", headers, body: content });
      setEtag(etagOf(response));
    },
    onSuccess: () => {
      onSaved();
      onClose();
    },
  });
  const taken = !file && existing.includes(name);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!taken) save.mutate();
  };
  return (
    <Dialog opened onClose={onClose} title={file ? file.name : t("globalXml.create")} size="xl">
      <form onSubmit={submit}>
        <Stack>
          {!file && (
            <TextInput
              label={t("globalXml.name")}
              description={t("globalXml.nameHelp")}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={taken ? t("globalXml.nameTaken") : fieldError(save.error, "name")}
              data-autofocus
            />
          )}
          {load.isPending ? (
            <Loader size="sm" />
          ) : (
            <Textarea
              label={t("globalXml.content")}
              value={content}
              onChange={(e) => setContent(e.currentTarget.value)}
              readOnly={!writes}
              autosize
              minRows={12}
              maxRows={28}
              spellCheck={false}
              styles={{ input: { fontFamily: "monospace", fontSize: 13, whiteSpace: "pre", overflowX: "auto" } }}
              error={fieldError(save.error, "content")}
            />
          )}
          <Problem error={load.error} />
          {save.error && !fieldError(save.error, "name") && !fieldError(save.error, "content") && (
            <Problem error={save.error} onReload={() => { save.reset(); load.mutate(); }} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{writes ? t("action.cancel") : t("action.close")}</Button>
            {writes && <Button type="submit" loading={save.isPending} disabled={load.isPending || taken}>{t("action.save")}</Button>}
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
