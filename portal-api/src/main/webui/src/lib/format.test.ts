import { describe, expect, it } from "vitest";
import { formatSince } from "./format";

describe("formatSince", () => {
  it("shows the time of day when the first repeat is on the last one's day", () => {
    const since = formatSince("2026-12-05T10:00:00.250Z", "2026-12-05T10:00:00.950Z", "en-US");
    expect(since).toBe(new Date("2026-12-05T10:00:00.250Z").toLocaleTimeString("en-US"));
  });

  it("shows the date too across midnight, and a dash for nothing", () => {
    const first = new Date(2026, 11, 5, 23, 59, 59, 500);
    const last = new Date(2026, 11, 6, 0, 0, 0, 300);
    expect(formatSince(first.toISOString(), last.toISOString(), "en-US")).toBe(first.toLocaleString("en-US"));
    expect(formatSince(undefined, undefined, "en-US")).toBe("–");
  });
});
