import { describe, expect, it } from "vitest";
import en from "./en.json";
import nl from "./nl.json";

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

describe("catalogs", () => {
  it("Dutch has every English string and nothing else", () => {
    expect(keysOf(nl).sort()).toEqual(keysOf(en).sort());
  });

  it("no string is empty", () => {
    for (const catalog of [en, nl]) {
      const empty = keysOf(catalog).filter((k) => k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], catalog) === "");
      expect(empty).toEqual([]);
    }
  });
});
