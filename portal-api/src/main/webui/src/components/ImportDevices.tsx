import { Button, FileButton, Group, Progress, Stack, Table, Text, Textarea } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { send } from "../api/client";
import { ApiProblem, errorsByRow } from "../api/problem";
import { splitImport, type ImportPart } from "../lib/importParts";
import { Problem } from "./Problem";
import { Dialog } from "./Dialog";

const EXAMPLE = "mac,model,label,account,user_name,password,server\n001565a0c001,T54W,Reception,1,101,secret-101,pbx.example.com";

/** Devices per request of a large import: each part is one transaction, and the progress bar moves per part. */
const PART_DEVICES = 1000;

interface ImportResult {
  rows: number;
  devices: number;
  accounts: number;
}

/** A refused part, its rows numbered as in the file. */
function inFileRows(error: unknown, part: ImportPart): unknown {
  if (!(error instanceof ApiProblem)) return error;
  const errors = error.errors.map((e) => (e.row ? { ...e, row: part.rowOf.get(e.row) ?? e.row } : e));
  return new ApiProblem(error.status, error.title, error.detail, errors, error.type);
}

/**
 * CSV import: all rows are checked first; a refused import lists each bad row's problems and imports nothing. A file
 * of more than {@link PART_DEVICES} devices is checked whole (a dry run), then imported in parts with progress; should
 * a part be refused after the check (a MAC registered meanwhile), what was imported stays and the refused rows are
 * listed (docs/console.md, "Importing devices").
 */
export function ImportDevices({ slug, opened, onClose }: { slug: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState("");
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const post = async (body: string, dryRun: boolean) => {
    const response = await send(
      `/api/v1/organizations/${encodeURIComponent(slug)}/devices/import${dryRun ? "?dryRun=true" : ""}`,
      { method: "POST", headers: { "Content-Type": "text/csv" }, body },
    );
    return (await response.json()) as ImportResult;
  };
  const run = useMutation({
    mutationFn: async (): Promise<ImportResult> => {
      setProgress(null);
      const parts = splitImport(csv, PART_DEVICES);
      if (parts.length === 1) return post(csv, false);
      const checked = await post(csv, true);
      const done = { rows: checked.rows, devices: 0, accounts: 0 };
      setProgress({ done: 0, total: checked.devices });
      for (const part of parts) {
        try {
          const imported = await post(part.csv, false);
          done.devices += imported.devices;
          done.accounts += imported.accounts;
          setProgress({ done: done.devices, total: checked.devices });
        } catch (error) {
          throw inFileRows(error, part);
        }
      }
      return done;
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ["organization", slug, "devices"] }),
  });
  const rows = run.error instanceof ApiProblem ? errorsByRow(run.error) : [];
  const close = () => {
    if (run.isPending) return;
    run.reset();
    setProgress(null);
    onClose();
  };
  return (
    <Dialog opened={opened} onClose={close} title={t("import.title")} size="lg">
      <Stack>
        <Text size="sm">{t("import.help")}</Text>
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
        {progress && (
          <Stack gap={4}>
            <Progress value={(100 * progress.done) / Math.max(1, progress.total)} animated={run.isPending} aria-label={t("import.progressLabel")} />
            <Text size="sm" role="status" data-testid="import-progress">
              {t("import.progress", { done: progress.done, total: progress.total })}
            </Text>
          </Stack>
        )}
        {run.isError && progress && progress.done > 0 && (
          <Text size="sm" fw={600} data-testid="import-partial">{t("import.partial", { done: progress.done, total: progress.total })}</Text>
        )}
        {run.isSuccess && (
          <Text c="green" role="status" data-testid="import-result">
            {t("import.done", { devices: run.data.devices, accounts: run.data.accounts })}
          </Text>
        )}
        {rows.length > 0 ? (
          <Stack gap="xs" role="alert">
            <Text c="red" fw={600}>{t("import.refused")}</Text>
            <Table data-testid="import-errors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("import.row")}</Table.Th>
                  <Table.Th>{t("import.problem")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.row}>
                    <Table.Td>{r.row || "–"}</Table.Td>
                    <Table.Td>{r.messages.join("; ")}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ) : (
          <Problem error={run.error} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>{t("action.close")}</Button>
          <Button onClick={() => run.mutate()} loading={run.isPending} disabled={!csv.trim()}>
            {t("import.run")}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
