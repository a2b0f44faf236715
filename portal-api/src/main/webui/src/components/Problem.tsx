import { Alert, Button, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ApiProblem } from "../api/problem";

/**
 * An error answer as the user should read it: a 404 is "not found" whatever the reason (another tenant's
 * organization looks exactly like a missing one), a 412 offers to reload, anything else shows the API's words.
 */
export function Problem({ error, onReload }: { error: unknown; onReload?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (error instanceof ApiProblem && error.notFound) {
    return (
      <Alert color="gray" title={t("problem.notFound")} role="alert">
        {t("problem.notFoundDetail")}
      </Alert>
    );
  }
  if (error instanceof ApiProblem && error.stale) {
    return (
      <Alert color="yellow" title={t("problem.stale")} role="alert">
        <Group justify="space-between">
          <Text size="sm">{t("problem.staleDetail")}</Text>
          {onReload && (
            <Button size="xs" variant="light" onClick={onReload}>
              {t("action.reload")}
            </Button>
          )}
        </Group>
      </Alert>
    );
  }
  const title = error instanceof ApiProblem ? error.title : t("problem.failed");
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" title={title} role="alert">
      {detail !== title ? detail : null}
    </Alert>
  );
}

/** The message for a form field from a problem's errors (validation answers name each bad field). */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiProblem ? error.fieldMessage(field) : undefined;
}
