import { ApiProblem } from "../api/problem";

/** What became of one device of a bulk action. */
export interface BulkOutcome {
  mac: string;
  error?: unknown;
}

/** A failed device as the result list shows it: why, in words the catalogs have (`stale`, `notFound`) or the API's. */
export interface BulkFailure {
  mac: string;
  reason: "stale" | "notFound" | "refused";
  message: string;
}

export interface BulkSummary {
  total: number;
  succeeded: number;
  failed: BulkFailure[];
}

/**
 * Runs `action` for every MAC, at most `parallel` at once (the API is called per device, each call with its own
 * If-Match), and reports progress after each. A failure never stops the others; every device gets an outcome, in the
 * order of `macs`.
 */
export async function runBulk(
  macs: string[],
  action: (mac: string) => Promise<unknown>,
  onProgress: (done: number, total: number) => void,
  parallel = 4,
): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = new Array(macs.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < macs.length) {
      const i = next++;
      try {
        await action(macs[i]);
        outcomes[i] = { mac: macs[i] };
      } catch (error) {
        outcomes[i] = { mac: macs[i], error };
      }
      onProgress(++done, macs.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, macs.length) }, worker));
  return outcomes;
}

/** Counts what succeeded and lists what failed, per MAC, with the API's reason (field errors named). */
export function summarizeBulk(outcomes: BulkOutcome[]): BulkSummary {
  const failed: BulkFailure[] = [];
  for (const o of outcomes) {
    if (o.error === undefined) continue;
    const e = o.error;
    if (e instanceof ApiProblem && e.stale) {
      failed.push({ mac: o.mac, reason: "stale", message: e.message });
    } else if (e instanceof ApiProblem && e.notFound) {
      failed.push({ mac: o.mac, reason: "notFound", message: e.message });
    } else if (e instanceof ApiProblem && e.errors.length > 0) {
      failed.push({ mac: o.mac, reason: "refused", message: e.errors.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join("; ") });
    } else {
      failed.push({ mac: o.mac, reason: "refused", message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { total: outcomes.length, succeeded: outcomes.length - failed.length, failed };
}
