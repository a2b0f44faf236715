import { Textarea } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ApiProblem } from "../api/problem";
import { parseSettings } from "../lib/settingsText";

/**
 * The settings a save sends: a map read from `key = value` lines; lines that are not are refused before anything is
 * sent, as the field errors the API would answer.
 */
export function settingsToSave(text: string, t: TFunction): Record<string, string> {
  const parsed = parseSettings(text);
  if (parsed.badLines.length) {
    throw new ApiProblem(400, t("settings.badLines"), undefined, parsed.badLines.map((b) => ({
      field: "settings",
      message: t(`settings.${b.reason}`, { line: b.line }),
    })));
  }
  return parsed.settings;
}

/** Settings as `key = value` lines, with every error about `settings` or `settings.<key>` below them. */
export function SettingsEditor({ label, value, onChange, readOnly, error }: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  readOnly: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const errors = error instanceof ApiProblem ? error.fieldsUnder("settings") : [];
  return (
    <Textarea
      label={label}
      description={t("settings.help")}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      readOnly={readOnly}
      autosize
      minRows={3}
      styles={{ input: { fontFamily: "monospace" } }}
      error={errors.length ? errors.map((e) => `${e.field}: ${e.message}`).join("\n") : undefined}
    />
  );
}
