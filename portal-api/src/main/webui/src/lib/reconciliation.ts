/** What a reconciliation change does at RPS, as the RPS page groups them. */
export type ChangeKind = "create" | "update" | "delete" | "adopt";

export const CHANGE_KINDS: ChangeKind[] = ["create", "update", "delete", "adopt"];

/**
 * The kind of one change, by its action (`add server`, `edit server`, `add device`, `move device`, `remove device`,
 * `adopt device`: docs/rps-sync.md); an action this console does not know yet counts as an update.
 */
export function kindOf(action: string | undefined): ChangeKind {
  if (action?.startsWith("add ")) return "create";
  if (action?.startsWith("remove ")) return "delete";
  if (action?.startsWith("adopt ")) return "adopt";
  return "update";
}

/** How many changes of each kind. */
export function countByKind(changes: { action?: string }[]): Record<ChangeKind, number> {
  const counts: Record<ChangeKind, number> = { create: 0, update: 0, delete: 0, adopt: 0 };
  for (const c of changes) counts[kindOf(c.action)]++;
  return counts;
}

/** A change's outcome as the page shows it: a dry run's, done, or RPS's refusal / the failure. */
export function outcomeColor(outcome: string | undefined): string {
  if (outcome === "OK") return "green";
  if (outcome === "dry run") return "blue";
  return "red";
}
