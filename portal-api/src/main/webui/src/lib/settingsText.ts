/**
 * Settings are edited as the phone reads them: one `key = value` per line, `#` comments and blank lines ignored.
 * The API keeps them as a map; this turns one into the other and says which line is malformed.
 */
export interface ParsedSettings {
  settings: Record<string, string>;
  /** 1-based line numbers that are not `key = value` (or repeat a key). */
  badLines: { line: number; reason: "format" | "duplicate" }[];
}

export function parseSettings(text: string): ParsedSettings {
  const settings: Record<string, string> = {};
  const badLines: ParsedSettings["badLines"] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const eq = line.indexOf("=");
    const key = eq > 0 ? line.slice(0, eq).trim() : "";
    if (!key) {
      badLines.push({ line: i + 1, reason: "format" });
    } else if (Object.hasOwn(settings, key)) {
      badLines.push({ line: i + 1, reason: "duplicate" });
    } else {
      settings[key] = line.slice(eq + 1).trim();
    }
  });
  return { settings, badLines };
}

export function formatSettings(settings: Record<string, string> | undefined): string {
  return Object.entries(settings ?? {})
    .map(([key, value]) => `${key} = ${value}`)
    .join("\n");
}
