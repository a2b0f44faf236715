import { Button, Code, FileButton, Group, Stack, Table, Text, Textarea } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import { ApiProblem, type FieldError } from "../api/problem";
import { resourceKeys, type Phonebook } from "../api/resources";
import { errorsOnRows, parseContactsCsv, type CsvProblem } from "../lib/contactsCsv";
import { Dialog } from "./Dialog";
import { Problem } from "./Problem";
import { TableScroll } from "./TableScroll";

const EXAMPLE = "name,group,phones\nAlice Smith,Sales,1001;+41791234567\nFront desk,,1000";

/** A bad row of an import: its fields as read, and what is wrong with it. */
interface BadRow {
  row: number;
  fields: string[];
  messages: string[];
}

/**
 * Replaces the phonebook's contacts with a CSV file. The file is checked here first, then by the API in one
 * transaction: when a row is wrong, nothing is saved and each bad row is shown with its problems beside it.
 */
export function ImportContacts({ slug, phonebook, etag, onReload, onClose }: {
  slug: string; phonebook: Phonebook; etag?: string; onReload: () => void; onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState("");
  const [bad, setBad] = useState<BadRow[]>([]);
  const run = useMutation({
    mutationFn: async () => {
      const parsed = parseContactsCsv(csv);
      const rowsOf = (errors: { row?: number; message: string; field?: string }[]) => {
        const byRow = new Map<number, string[]>();
        for (const e of errors) {
          const row = e.row ?? 0;
          byRow.set(row, [...(byRow.get(row) ?? []), e.field ? `${e.field}: ${e.message}` : e.message]);
        }
        return [...byRow.entries()].sort(([a], [b]) => a - b).map(([row, messages]) => ({ row, fields: parsed.records[row - 1] ?? [], messages }));
      };
      if (parsed.problems.length > 0) {
        setBad(rowsOf(parsed.problems.map((p: CsvProblem) => ({ row: p.row, field: p.field, message: t(`contactsCsv.${p.code}`, p.values) }))));
        throw new Error(t("contacts.importRefused"));
      }
      try {
        await api.PUT("/api/v1/organizations/{orgId}/phonebooks/{id}/contacts", {
          params: { path: { orgId: slug, id: phonebook.id! }, header: { "If-Match": etag } },
          body: parsed.contacts,
        });
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 400) {
          setBad(rowsOf(errorsOnRows(error.errors, parsed.rows) as FieldError[]));
        }
        throw error;
      }
      return parsed.contacts.length;
    },
    onMutate: () => setBad([]),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: resourceKeys.phonebook(slug, phonebook.id!) }),
  });
  return (
    <Dialog opened onClose={onClose} title={t("contacts.importTitle", { name: phonebook.name })} size="xl">
      <Stack>
        <Text size="sm">{t("contacts.importHelp", { count: phonebook.contacts ?? 0 })}</Text>
        <Code block>{EXAMPLE}</Code>
        <Group>
          <FileButton onChange={(file) => void file?.text().then(setCsv)} accept=".csv,text/csv">
            {(props) => <Button variant="default" {...props}>{t("import.chooseFile")}</Button>}
          </FileButton>
        </Group>
        <Textarea
          label={t("import.csv")}
          value={csv}
          onChange={(e) => setCsv(e.currentTarget.value)}
          placeholder={EXAMPLE}
          autosize
          minRows={5}
          maxRows={14}
          styles={{ input: { fontFamily: "monospace" } }}
        />
        {run.isSuccess && (
          <Text c="green" role="status" data-testid="contacts-import-result">
            {t("contacts.imported", { count: run.data })}
          </Text>
        )}
        {bad.length > 0 ? (
          <Stack gap="xs" role="alert">
            <Text c="red" fw={600}>{t("contacts.importRefused")}</Text>
            <TableScroll minWidth={480} label={t("contacts.importRefused")}>
              <Table data-testid="contacts-import-errors">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("import.row")}</Table.Th>
                    <Table.Th>{t("contacts.rowContent")}</Table.Th>
                    <Table.Th>{t("import.problem")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {bad.map((r) => (
                    <Table.Tr key={r.row} data-row={r.row}>
                      <Table.Td>{r.row || "–"}</Table.Td>
                      <Table.Td ff="monospace">{r.fields.join(",")}</Table.Td>
                      <Table.Td c="red">{r.messages.join("; ")}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          </Stack>
        ) : (
          run.error instanceof ApiProblem && <Problem error={run.error} onReload={() => { onReload(); onClose(); }} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t("action.close")}</Button>
          <Button onClick={() => run.mutate()} loading={run.isPending} disabled={!csv.trim()}>{t("contacts.importRun")}</Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

/** The devices that may read the phonebook; admins add one by MAC or take one off. */
