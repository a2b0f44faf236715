import { Button, FileButton, Group, Stack, Table, Text, Textarea } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { send } from "../api/client";
import { ApiProblem, errorsByRow } from "../api/problem";
import { Problem } from "./Problem";
import { Dialog } from "./Dialog";

const EXAMPLE = "mac,model,label,account,user_name,password,server\n001565a0c001,T54W,Reception,1,101,secret-101,pbx.example.com";

/** CSV import: all rows are checked first; a refused import lists each bad row's problems and imports nothing. */
export function ImportDevices({ slug, opened, onClose }: { slug: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState("");
  const run = useMutation({
    mutationFn: async () => {
      const response = await send(`/api/v1/organizations/${encodeURIComponent(slug)}/devices/import`, {
        method: "POST",
        headers: { "Content-Type": "text/csv" },
        body: csv,
      });
      return (await response.json()) as { rows: number; devices: number; accounts: number };
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["organization", slug, "devices"] }),
  });
  const rows = run.error instanceof ApiProblem ? errorsByRow(run.error) : [];
  const close = () => {
    run.reset();
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
