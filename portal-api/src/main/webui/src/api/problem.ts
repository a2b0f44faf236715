/** One entry of a problem's `errors`: the field it names and, for CSV imports, the row (the header is row 1). */
export interface FieldError {
  field?: string;
  message: string;
  row?: number;
}

/** An `application/problem+json` answer of portal-api (RFC 9457), as an Error the UI can show. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldError[],
    readonly type?: string,
  ) {
    super(detail ?? title);
  }

  /** The messages for one field (`accounts[0].userName`, `settings.<key>` …), joined for display next to it. */
  fieldMessage(field: string): string | undefined {
    const messages = this.errors.filter((e) => e.field === field).map((e) => e.message);
    return messages.length ? messages.join("; ") : undefined;
  }

  /** Errors that name a field starting with `prefix` (e.g. every `settings.` key). */
  fieldsUnder(prefix: string): FieldError[] {
    return this.errors.filter((e) => e.field?.startsWith(prefix));
  }

  get stale(): boolean {
    return this.status === 412;
  }

  get notFound(): boolean {
    return this.status === 404;
  }
}

export async function problemOf(response: Response): Promise<ApiProblem> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.clone().json()) as Record<string, unknown>;
  } catch {
    // not JSON: a proxy's error page or an empty body
  }
  const errors = Array.isArray(body.errors) ? (body.errors as FieldError[]) : [];
  return new ApiProblem(
    response.status,
    typeof body.title === "string" ? body.title : response.statusText || `HTTP ${response.status}`,
    typeof body.detail === "string" ? body.detail : undefined,
    errors,
    typeof body.type === "string" ? body.type : undefined,
  );
}

/** Rows of a refused CSV import, each with its messages, in row order (errors without a row come first as row 0). */
export function errorsByRow(problem: ApiProblem): { row: number; messages: string[] }[] {
  const rows = new Map<number, string[]>();
  for (const e of problem.errors) {
    const row = e.row ?? 0;
    const text = e.field ? `${e.field}: ${e.message}` : e.message;
    rows.set(row, [...(rows.get(row) ?? []), text]);
  }
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([row, messages]) => ({ row, messages }));
}
