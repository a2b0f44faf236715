import { describe, expect, it } from "vitest";
import { ApiProblem } from "../api/problem";
import { runBulk, summarizeBulk } from "./bulk";

describe("bulk actions", () => {
  it("runs every device, reports progress after each, and keeps going after a failure", async () => {
    const progress: number[] = [];
    const outcomes = await runBulk(
      ["a", "b", "c", "d", "e"],
      async (mac) => {
        if (mac === "b") throw new ApiProblem(412, "Stale", "changed", []);
      },
      (done) => progress.push(done),
      2,
    );
    expect(outcomes.map((o) => o.mac)).toEqual(["a", "b", "c", "d", "e"]);
    expect(outcomes.filter((o) => o.error).map((o) => o.mac)).toEqual(["b"]);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
  });

  it("never runs more than the given number at once", async () => {
    let running = 0;
    let most = 0;
    await runBulk(
      Array.from({ length: 10 }, (_, i) => String(i)),
      async () => {
        most = Math.max(most, ++running);
        await Promise.resolve();
        await Promise.resolve();
        running--;
      },
      () => {},
      3,
    );
    expect(most).toBe(3);
  });

  it("summarises: a 412 is stale, a 404 not found, field errors are named, anything else gives its message", () => {
    const summary = summarizeBulk([
      { mac: "001565000001" },
      { mac: "001565000002", error: new ApiProblem(412, "Precondition failed", "version 3 is current", []) },
      { mac: "001565000003", error: new ApiProblem(404, "Not found", undefined, []) },
      { mac: "001565000004", error: new ApiProblem(409, "Quota exceeded", "the partner has 10 devices", []) },
      { mac: "001565000005", error: new ApiProblem(400, "Invalid", "1 problem", [{ field: "wallpaper", message: "no such media" }]) },
      { mac: "001565000006", error: new TypeError("Failed to fetch") },
    ]);
    expect(summary.total).toBe(6);
    expect(summary.succeeded).toBe(1);
    expect(summary.failed).toEqual([
      { mac: "001565000002", reason: "stale", message: "version 3 is current" },
      { mac: "001565000003", reason: "notFound", message: "Not found" },
      { mac: "001565000004", reason: "refused", message: "the partner has 10 devices" },
      { mac: "001565000005", reason: "refused", message: "wallpaper: no such media" },
      { mac: "001565000006", reason: "refused", message: "Failed to fetch" },
    ]);
  });

  it("an empty selection does nothing", async () => {
    expect(await runBulk([], async () => {}, () => {})).toEqual([]);
    expect(summarizeBulk([])).toEqual({ total: 0, succeeded: 0, failed: [] });
  });
});
