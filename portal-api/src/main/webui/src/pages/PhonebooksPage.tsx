import { Anchor, Button, Group, Loader, Stack, Table, Text, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { api } from "../api/client";
import { etagOfVersion, resourceKeys, usePhonebooks, type Phonebook } from "../api/resources";
import { usePermissions } from "../auth/SessionContext";
import { Confirm } from "../components/Confirm";
import { Dialog } from "../components/Dialog";
import { Pager } from "../components/Pager";
import { TableScroll } from "../components/TableScroll";
import { Problem, fieldError } from "../components/Problem";
import { formatTime } from "../lib/format";

/** The organization's phonebooks: create, rename, delete; each a link to its contacts. */
export function PhonebooksPage() {
  const { slug = "" } = useParams();
  const { t, i18n } = useTranslation();
  const { writes } = usePermissions();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get("page") ?? 0);
  const list = usePhonebooks(slug, page);
  const [naming, setNaming] = useState<Phonebook | "new" | null>(null);
  const [deleting, setDeleting] = useState<Phonebook | null>(null);
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: async (book: Phonebook) =>
      api.DELETE("/api/v1/organizations/{orgId}/phonebooks/{id}", {
        params: { path: { orgId: slug, id: book.id! }, header: { "If-Match": etagOfVersion(book.version) } },
      }),
    onSuccess: () => setDeleting(null),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: resourceKeys.phonebooks(slug) }),
  });
  if (list.isPending) return <Loader />;
  if (list.error) return <Problem error={list.error} />;
  const items = list.data.items ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("phonebooks.title")}</Title>
        {writes && <Button onClick={() => setNaming("new")}>{t("phonebooks.create")}</Button>}
      </Group>
      <Text size="sm" c="dimmed">{t("phonebooks.help")}</Text>
      <Problem error={remove.error} onReload={() => { remove.reset(); void list.refetch(); }} />
      <TableScroll minWidth={480} label={t("phonebooks.title")}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("phonebooks.name")}</Table.Th>
              <Table.Th>{t("phonebooks.contacts")}</Table.Th>
              <Table.Th>{t("common.updated")}</Table.Th>
              {writes && <Table.Th><VisuallyHidden>{t("tables.actions")}</VisuallyHidden></Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((b) => (
              <Table.Tr key={b.id} data-phonebook={b.name}>
                <Table.Td>
                  <Anchor component={Link} to={`/o/${slug}/phonebooks/${b.id}`}>{b.name}</Anchor>
                </Table.Td>
                <Table.Td>{b.contacts}</Table.Td>
                <Table.Td>{formatTime(b.updatedAt, i18n.language)}</Table.Td>
                {writes && (
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button size="compact-xs" variant="subtle" onClick={() => setNaming(b)} aria-label={t("phonebooks.renameOf", { name: b.name })}>
                        {t("phonebooks.rename")}
                      </Button>
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDeleting(b)} aria-label={t("phonebooks.deleteOf", { name: b.name })}>
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
      {items.length === 0 && <Text c="dimmed">{t("phonebooks.none")}</Text>}
      <Pager page={page} totalPages={list.data.totalPages ?? 0} totalItems={list.data.totalItems ?? 0} onPage={(p) => setParams({ page: String(p) })} />
      {naming !== null && <NamePhonebook slug={slug} phonebook={naming === "new" ? undefined : naming} onClose={() => setNaming(null)} />}
      <Confirm
        opened={deleting !== null}
        title={t("phonebooks.deleteTitle")}
        message={t("phonebooks.deleteMessage", { name: deleting?.name ?? "", count: deleting?.contacts ?? 0 })}
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}

/** Creates a phonebook (then opens it) or renames one under If-Match. */
export function NamePhonebook({ slug, phonebook, etag, onClose }: { slug: string; phonebook?: Phonebook; etag?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState(phonebook?.name ?? "");
  const save = useMutation({
    mutationFn: async () => {
      if (!phonebook) {
        return (await api.POST("/api/v1/organizations/{orgId}/phonebooks", { params: { path: { orgId: slug } }, body: { name } })).data!;
      }
      return (await api.PUT("/api/v1/organizations/{orgId}/phonebooks/{id}", {
        params: { path: { orgId: slug, id: phonebook.id! }, header: { "If-Match": etag ?? etagOfVersion(phonebook.version) } },
        body: { name },
      })).data!;
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: resourceKeys.phonebooks(slug) });
      onClose();
      if (!phonebook) navigate(`/o/${slug}/phonebooks/${saved.id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Dialog opened onClose={onClose} title={phonebook ? t("phonebooks.renameTitle", { name: phonebook.name }) : t("phonebooks.create")}>
      <form onSubmit={submit}>
        <Stack>
          <TextInput label={t("phonebooks.name")} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(save.error, "name")} data-autofocus />
          <Problem error={save.error} onReload={() => { void queryClient.invalidateQueries({ queryKey: resourceKeys.phonebooks(slug) }); onClose(); }} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t("action.cancel")}</Button>
            <Button type="submit" loading={save.isPending}>{phonebook ? t("action.save") : t("action.create")}</Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
