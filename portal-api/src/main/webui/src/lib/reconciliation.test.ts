import { describe, expect, it } from "vitest";
import { countByKind, kindOf, outcomeColor } from "./reconciliation";

describe("reconciliation findings", () => {
  it("groups every action rps-sync-service reports", () => {
    expect(kindOf("add server")).toBe("create");
    expect(kindOf("add device")).toBe("create");
    expect(kindOf("edit server")).toBe("update");
    expect(kindOf("move device")).toBe("update");
    expect(kindOf("remove device")).toBe("delete");
    expect(kindOf("adopt device")).toBe("adopt");
    expect(kindOf("something new")).toBe("update");
    expect(kindOf(undefined)).toBe("update");
  });

  it("counts them by kind", () => {
    expect(countByKind([{ action: "add device" }, { action: "add device" }, { action: "move device" }, { action: "adopt device" }])).toEqual({
      create: 2,
      update: 1,
      delete: 0,
      adopt: 1,
    });
    expect(countByKind([])).toEqual({ create: 0, update: 0, delete: 0, adopt: 0 });
  });

  it("colours outcomes", () => {
    expect(outcomeColor("OK")).toBe("green");
    expect(outcomeColor("dry run")).toBe("blue");
    expect(outcomeColor("refused: device.mac.added.by.other")).toBe("red");
  });
});
