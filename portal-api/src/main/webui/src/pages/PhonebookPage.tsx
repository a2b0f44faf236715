import { Anchor, Button, Card, Group, Loader, Progress, Stack, Table, Text, TextInput, Textarea, Title, VisuallyHidden } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { api } from "../api/client";
import { ApiProblem } from "../api/problem";
import { exportContacts, resourceKeys, setDeviceReads, useContacts, usePhonebook, usePhonebookReaders, type Contact, type Phonebook } from "../api/resources";
import { usePermissions } from "../auth/SessionContext";
import { Confirm } from "../components/Confirm";
import { Dialog } from "../components/Dialog";
import { Pager } from "../components/Pager";
import { TableScroll } from "../components/TableScroll";
import { Problem, fieldError } from "../components/Problem";
import { ImportContacts } from "../components/ImportContacts";
import { formatMac } from "../lib/format";
import { NamePhonebook } from "./PhonebooksPage";

/** One phonebook: its contacts (search, add, edit, delete, CSV import and export) and the devices that may read it. */
export function PhonebookPage() {
  const { slug = "", id: idParam = "" } = useParams();
  const id = Number(idParam);
  const { t } = useTranslation();
  const { writes } = usePermissions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = usePhonebook(slug, id);
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useMutation({
    mutationFn: async () =>
      api.DELETE("/api/v1/organizations/{orgId}/phonebooks/{id}", { params: { path: { orgId: slug, id }, header: { "If-Match": query.data?.etag } } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: resourceKeys.phonebooks(slug) });
      navigate(`/o/${slug}/phonebooks`);
    },
    onSettled: () => setDeleting(false),
  });
  if (!Number.isInteger(id)) return <Problem error={new ApiProblem(404, "Not found", undefined, [])} />;
  if (query.isPending) return <Loader />;
  if (query.error) return <Problem error={query.error} />;
  const { phonebook, etag } = query.data;
  const reload = () => void queryClient.invalidateQueries({ queryKey: resourceKeys.phonebook(slug, id) });
  return (
    <Stack>
      <Anchor component={Link} to={`/o/${slug}/phonebooks`} size="sm">← {t("phonebooks.title")}</Anchor>
      <Group justify="space-between">
        <Title order={2}>{phonebook.name}</Title>
        {writes && (
          <Group gap="xs">
            <Button variant="default" onClick={() => setRenaming(true)}>{t("phonebooks.rename")}</Button>
            <Button variant="default" color="red" onClick={() => setDeleting(true)}>{t("action.delete")}</Button>
          </Group>
        )}
      </Group>
      <Problem error={remove.error} onReload={() => { remove.reset(); reload(); }} />
      <Contacts slug={slug} phonebook={phonebook} etag={etag} onReload={reload} />
      <Readers slug={slug} phonebook={phonebook} />
      {renaming && <NamePhonebook slug={slug} phonebook={phonebook} etag={etag} onClose={() => { setRenaming(false); reload(); }} />}
      <Confirm
        opened={deleting}
        title={t("phonebooks.deleteTitle")}
        message={t("phonebooks.deleteMessage", { name: phonebook.name, count: phonebook.contacts ?? 0 })}
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setDeleting(false)}
      />
    </Stack>
  );
}

function Contacts({ slug, phonebook, etag, onReload }: { slug: string; phonebook: Phonebook; etag?: string; onReload: () => void }) {
  const { t } = useTranslation();
  const { writes } = usePermissions();
  const queryClient = useQueryClient();
  const id = phonebook.id!;
  const [params, setParams] = useSearchParams();
  const page = Number(params.get("page") ?? 0);
  const [q, setQ] = useState(params.get("q") ?? "");
  const [search] = useDebouncedValue(q, 250);
  const list = useContacts(slug, id, { page, q: search });
  const [editing, setEditing] = useState<Contact | "new" | null>(null);
  const [deleting, setDeleting] = useState<Contact | null>(null);
  const [importing, setImporting] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const changed = () => void queryClient.invalidateQueries({ queryKey: resourceKeys.phonebook(slug, id) });
  const remove = useMutation({
    mutationFn: async (c: Contact) =>
      api.DELETE("/api/v1/organizations/{orgId}/phonebooks/{id}/contacts/{contactId}", { params: { path: { orgId: slug, id, contactId: c.id! } } }),
    onSuccess: () => setDeleting(null),
    onSettled: changed,
  });
  const exporting = useMutation({
    mutationFn: async () => {
      setProgress(0);
      const csv = await exportContacts(slug, id, phonebook.contacts ?? 0, (done, total) => setProgress(total ? Math.min(100, (100 * done) / total) : 100));
      const url = URL.createObjectURL(csv);
      const link = document.createElement("a");
      link.href = url;
      link.download = `${slug}-${phonebook.name}.csv`.replace(/[^\w.-]+/g, "_");
      link.click();
      URL.revokeObjectURL(url);
    },
    onSettled: () => setProgress(null),
  });
  const items = list.data?.items ?? [];
  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between" align="flex-end">
          <Title order={3} size="h4">{t("contacts.title", { count: phonebook.contacts ?? 0 })}</Title>
          <Group gap="xs">
            <Button variant="default" loading={exporting.isPending} onClick={() => exporting.mutate()}>{t("contacts.export")}</Button>
            {writes && (
              <>
                <Button variant="default" onClick={() => setImporting(true)}>{t("contacts.import")}</Button>
                <Button onClick={() => setEditing("new")}>{t("contacts.add")}</Button>
              </>
            )}
          </Group>
        </Group>
        {progress !== null && <Progress value={progress} aria-label={t("contacts.exporting")} />}
        <TextInput
          label={t("contacts.search")}
          value={q}
          maw={360}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            const next = new URLSearchParams(params);
            if (e.currentTarget.value) next.set("q", e.currentTarget.value); else next.delete("q");
            next.delete("page");
            setParams(next, { replace: true });
          }}
        />
        <Problem error={list.error ?? exporting.error ?? remove.error} />
        <TableScroll minWidth={writes ? 520 : 340} label={t("contacts.title", { count: phonebook.contacts ?? 0 })}>
          <Table striped data-testid="contacts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("contacts.name")}</Table.Th>
                <Table.Th>{t("contacts.group")}</Table.Th>
                <Table.Th>{t("contacts.phones")}</Table.Th>
                {writes && <Table.Th><VisuallyHidden>{t("tables.actions")}</VisuallyHidden></Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id} data-contact={c.name}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td>{c.group}</Table.Td>
                  <Table.Td>{(c.phones ?? []).join(", ")}</Table.Td>
                  {writes && (
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button size="compact-xs" variant="subtle" onClick={() => setEditing(c)} aria-label={t("contacts.editOf", { name: c.name })}>{t("contacts.edit")}</Button>
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDeleting(c)} aria-label={t("contacts.deleteOf", { name: c.name })}>{t("action.delete")}</Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        {list.isSuccess && items.length === 0 && <Text c="dimmed">{search ? t("contacts.noMatch") : t("contacts.none")}</Text>}
        <Pager
          page={page}
          totalPages={list.data?.totalPages ?? 0}
          totalItems={list.data?.totalItems ?? 0}
          onPage={(p) => {
            const next = new URLSearchParams(params);
            next.set("page", String(p));
            setParams(next);
          }}
        />
      </Stack>
      {editing !== null && (
        <ContactDialog slug={slug} phonebookId={id} etag={etag} contact={editing === "new" ? undefined : editing} onReload={onReload} onClose={() => setEditing(null)} />
      )}
      {importing && <ImportContacts slug={slug} phonebook={phonebook} etag={etag} onReload={onReload} onClose={() => setImporting(false)} />}
      <Confirm
        opened={deleting !== null}
        title={t("contacts.deleteTitle")}
        message={t("contacts.deleteMessage", { name: deleting?.name ?? "", phones: (deleting?.phones ?? []).join(", ") })}
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      />
    </Card>
  );
}

/** Adds a contact, or changes one under the phonebook's ETag. Numbers one per line. */
function ContactDialog({ slug, phonebookId, etag, contact, onReload, onClose }: {
  slug: string; phonebookId: number; etag?: string; contact?: Contact; onReload: () => void; onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(contact?.name ?? "");
  const [group, setGroup] = useState(contact?.group ?? "");
  const [phones, setPhones] = useState((contact?.phones ?? []).join("\n"));
  const save = useMutation({
    mutationFn: async () => {
      const body = { name, group: group || undefined, phones: phones.split(/[\n,;]+/).map((p) => p.trim()).filter(Boolean) };
      if (!contact) {
        return api.POST("/api/v1/organizations/{orgId}/phonebooks/{id}/contacts", { params: { path: { orgId: slug, id: phonebookId } }, body });
      }
      return api.PUT("/api/v1/organizations/{orgId}/phonebooks/{id}/contacts/{contactId}", {
        params: { path: { orgId: slug, id: phonebookId, contactId: contact.id! }, header: { "If-Match": etag } },
        body,
      });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: resourceKeys.phonebook(slug, phonebookId) });
      onClose();
    },
  });
  const phoneErrors = save.error instanceof ApiProblem ? save.error.fieldsUnder("phones").map((e) => e.message) : [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Dialog opened onClose={onClose} title={contact ? t("contacts.editTitle", { name: contact.name }) : t("contacts.add")}>
      <form onSubmit={submit}>
        <Stack>
          <TextInput label={t("contacts.name")} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(save.error, "name")} data-autofocus />
          <TextInput label={t("contacts.group")} description={t("contacts.groupHelp")} value={group} onChange={(e) => setGroup(e.currentTarget.value)} error={fieldError(save.error, "group")} />
          <Textarea
            label={t("contacts.phones")}
            description={t("contacts.phonesHelp")}
            required
            autosize
            minRows={2}
            value={phones}
            onChange={(e) => setPhones(e.currentTarget.value)}
            error={phoneErrors.length ? phoneErrors.join("; ") : undefined}
            styles={{ input: { fontFamily: "monospace" } }}
          />
          <Problem error={save.error} onReload={() => { onReload(); onClose(); }} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t("action.cancel")}</Button>
            <Button type="submit" loading={save.isPending}>{contact ? t("action.save") : t("action.create")}</Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

function Readers({ slug, phonebook }: { slug: string; phonebook: Phonebook }) {
  const { t } = useTranslation();
  const { writes } = usePermissions();
  const queryClient = useQueryClient();
  const id = phonebook.id!;
  const [page, setPage] = useState(0);
  const readers = usePhonebookReaders(slug, id, page);
  const [mac, setMac] = useState("");
  const change = useMutation({
    mutationFn: async ({ mac, reads }: { mac: string; reads: boolean }) => setDeviceReads(slug, mac, id, reads),
    onSuccess: (_, { reads }) => reads && setMac(""),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ["organization", slug, "devices"] }),
  });
  const items = readers.data?.items ?? [];
  return (
    <Card withBorder>
      <Stack>
        <Title order={3} size="h4">{t("phonebook.readers")}</Title>
        <Text size="sm" c="dimmed">{t("phonebook.readersHelp")}{writes && ` ${t("phonebook.readersHelpAdmin")}`}</Text>
        {writes && (
          <form onSubmit={(e) => { e.preventDefault(); if (mac.trim()) change.mutate({ mac: mac.trim(), reads: true }); }}>
            <Group align="flex-end">
              <TextInput label={t("phonebook.allowMac")} value={mac} onChange={(e) => setMac(e.currentTarget.value)} styles={{ input: { fontFamily: "monospace" } }} />
              <Button type="submit" variant="default" loading={change.isPending}>{t("phonebook.allow")}</Button>
            </Group>
          </form>
        )}
        <Problem error={readers.error ?? change.error} onReload={() => change.reset()} />
        {items.length > 0 ? (
          <TableScroll minWidth={writes ? 420 : 340} label={t("phonebook.readers")}>
            <Table data-testid="readers">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("devices.mac")}</Table.Th>
                  <Table.Th>{t("devices.model")}</Table.Th>
                  <Table.Th>{t("devices.label")}</Table.Th>
                  {writes && <Table.Th><VisuallyHidden>{t("tables.actions")}</VisuallyHidden></Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((d) => (
                  <Table.Tr key={d.mac}>
                    <Table.Td ff="monospace"><Anchor component={Link} to={`/o/${slug}/devices/${d.mac}`}>{formatMac(d.mac!)}</Anchor></Table.Td>
                    <Table.Td>{d.model}</Table.Td>
                    <Table.Td>{d.label}</Table.Td>
                    {writes && (
                      <Table.Td>
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => change.mutate({ mac: d.mac!, reads: false })} aria-label={t("phonebook.disallowOf", { mac: formatMac(d.mac!) })}>
                          {t("phonebook.disallow")}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        ) : (
          readers.isSuccess && <Text c="dimmed">{t("phonebook.noReaders")}</Text>
        )}
        {(readers.data?.totalPages ?? 0) > 1 && <Pager page={page} totalPages={readers.data!.totalPages!} totalItems={readers.data!.totalItems!} onPage={setPage} />}
      </Stack>
    </Card>
  );
}
