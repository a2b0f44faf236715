import { parseCsv } from "./contactsCsv";

/**
 * A large device CSV imported in parts so the console can show progress (docs/console.md, "Importing devices"): the
 * records as they stand in the file (quoted fields may hold line breaks), grouped so that every row of one MAC stays in
 * one part, each part with the header. The API numbers rows by line within what it was sent (the header is line 1);
 * `rowOf` takes a part's line back to the file's.
 */
export interface ImportPart {
  csv: string;
  devices: number;
  /** The file's line of the record that starts at each of the part's lines. */
  rowOf: Map<number, number>;
}

interface RawRecord {
  text: string;
  line: number;
  lines: number;
}

/** The file's records with the line each starts on; a record ends at a line break outside quotes. */
function records(csv: string): RawRecord[] {
  const out: RawRecord[] = [];
  let start = 0;
  let line = 1;
  let startLine = 1;
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (c === '"') quoted = !quoted;
    else if (c === "\n") {
      line++;
      if (!quoted) {
        out.push({ text: csv.slice(start, i + 1), line: startLine, lines: line - startLine });
        start = i + 1;
        startLine = line;
      }
    }
  }
  if (start < csv.length && csv.slice(start).trim()) {
    out.push({ text: csv.slice(start) + "\n", line: startLine, lines: line - startLine + 1 });
  }
  return out;
}

/** The record's fields (RFC 4180 quoting, as the contacts import reads them). */
function fields(text: string): string[] {
  return parseCsv(text).records[0] ?? [];
}

/** The MAC as the API compares it: hex digits only, lower case (a malformed one stays as written). */
function macKey(value: string): string {
  const hex = value.replace(/[^0-9a-fA-F]/g, "").toLowerCase();
  return hex.length === 12 ? hex : value.trim();
}

/**
 * Splits `csv` into parts of at most `devicesPerPart` devices (a part may hold more rows: a device's accounts);
 * one part when the file has no `mac` column or no more devices than that.
 */
export function splitImport(csv: string, devicesPerPart: number): ImportPart[] {
  const all = records(csv.replace(/^\uFEFF/, ""));
  if (all.length < 2) return [{ csv, devices: Math.max(0, all.length - 1), rowOf: new Map() }];
  const header = all[0];
  const macColumn = fields(header.text).map((h) => h.trim().toLowerCase()).indexOf("mac");
  const byMac = new Map<string, RawRecord[]>();
  for (const r of all.slice(1)) {
    if (!r.text.trim()) continue;
    const key = macColumn < 0 ? `${r.line}` : macKey(fields(r.text)[macColumn] ?? "");
    byMac.set(key, [...(byMac.get(key) ?? []), r]);
  }
  const devices = [...byMac.values()];
  if (macColumn < 0 || devices.length <= devicesPerPart) {
    return [{ csv, devices: devices.length, rowOf: identity(all) }];
  }
  const parts: ImportPart[] = [];
  for (let i = 0; i < devices.length; i += devicesPerPart) {
    const group = devices.slice(i, i + devicesPerPart).flat().sort((a, b) => a.line - b.line);
    const rowOf = new Map<number, number>([[1, header.line]]);
    let line = 1 + header.lines;
    let text = header.text.endsWith("\n") ? header.text : header.text + "\n";
    for (const r of group) {
      rowOf.set(line, r.line);
      line += r.lines;
      text += r.text;
    }
    parts.push({ csv: text, devices: Math.min(devicesPerPart, devices.length - i), rowOf });
  }
  return parts;
}

function identity(all: RawRecord[]): Map<number, number> {
  return new Map(all.map((r) => [r.line, r.line]));
}
