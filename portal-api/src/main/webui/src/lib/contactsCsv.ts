import type { FieldError } from "../api/problem";

/** A contact as the API takes it (ContactInput). */
export interface ContactRow {
  name: string;
  group?: string;
  phones: string[];
}

/** A row's problem found in the browser: an i18n key (`contactsCsv.<code>`) with its values, and the column. */
export interface CsvProblem {
  row: number;
  field?: string;
  code: "empty" | "header" | "columns" | "quote" | "name" | "phones" | "tooManyPhones";
  values?: Record<string, string | number>;
}

/** The columns, in the order the API's export writes them; the import takes them in any order (group may be left out). */
export const CONTACT_COLUMNS = ["name", "group", "phones"] as const;
/** Numbers of one contact in the phones column: separated by ';' (a number never contains one). */
const PHONE_SEPARATOR = ";";

/** RFC 4180 fields: commas, double quotes around a field, "" for a quote inside it, CRLF or LF between records. */
export function parseCsv(text: string): { records: string[][]; unterminated?: number } {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && field === "") {
      quoted = true;
    } else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      line++;
      recordLine = line;
    } else {
      field += c;
    }
  }
  if (quoted) return { records, unterminated: recordLine };
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return { records };
}

/**
 * The contacts of a CSV file (header row, then one contact per row; row numbers count the header as 1, like the
 * API's device import), and every problem found before anything is sent. Blank lines are skipped but counted.
 */
export function parseContactsCsv(text: string): { contacts: ContactRow[]; rows: number[]; problems: CsvProblem[]; records: string[][] } {
  const { records, unterminated } = parseCsv(text.replace(/^\uFEFF/, ""));
  const problems: CsvProblem[] = [];
  const contacts: ContactRow[] = [];
  const rows: number[] = [];
  if (unterminated !== undefined) {
    problems.push({ row: unterminated, code: "quote" });
    return { contacts, rows, problems, records };
  }
  if (records.length === 0 || records[0].every((f) => f.trim() === "")) {
    problems.push({ row: 1, code: "empty" });
    return { contacts, rows, problems, records };
  }
  const header = records[0].map((h) => h.trim().toLowerCase());
  const index = (column: string) => header.indexOf(column);
  const unknown = header.filter((h) => !(CONTACT_COLUMNS as readonly string[]).includes(h));
  if (index("name") < 0 || index("phones") < 0 || unknown.length > 0) {
    problems.push({ row: 1, code: "header", values: { columns: CONTACT_COLUMNS.join(",") } });
    return { contacts, rows, problems, records };
  }
  records.slice(1).forEach((record, i) => {
    const row = i + 2;
    if (record.length === 1 && record[0].trim() === "") return;
    if (record.length !== header.length) {
      problems.push({ row, code: "columns", values: { count: record.length, expected: header.length } });
      return;
    }
    const field = (column: string) => unguard(index(column) >= 0 ? record[index(column)] : "");
    const name = field("name").trim();
    const group = field("group").trim();
    const phones = field("phones").split(PHONE_SEPARATOR).map((p) => p.trim()).filter((p) => p !== "");
    if (!name) problems.push({ row, field: "name", code: "name" });
    if (phones.length === 0) problems.push({ row, field: "phones", code: "phones" });
    if (phones.length > 10) problems.push({ row, field: "phones", code: "tooManyPhones" });
    contacts.push({ name, group: group || undefined, phones });
    rows.push(row);
  });
  return { contacts, rows, problems, records };
}

/**
 * The API's answer to a refused replacement names each contact by its index (`[3].phones[0]`); this gives each
 * error the CSV row it came from (`rows[i]`) and the column (`phones`), so the row can show it.
 */
export function errorsOnRows(errors: FieldError[], rows: number[]): FieldError[] {
  return errors.map((e) => {
    const match = /^\[(\d+)\]\.?([a-zA-Z]*)/.exec(e.field ?? "");
    if (!match) return e;
    const row = rows[Number(match[1])];
    return { ...e, row, field: match[2] || undefined };
  });
}

/** A cell a spreadsheet would run as a formula got a leading ' in the API's export, which the import takes off again. */
const FORMULA = /^[=+\-@\t\r]/;
function unguard(value: string): string {
  return value.startsWith("'") && FORMULA.test(value.slice(1)) ? value.slice(1) : value;
}
