import { describe, expect, it } from "vitest";
import { splitImport } from "./importParts";

const HEADER = "mac,model,label,account,user_name\n";

describe("splitImport", () => {
  it("keeps a small file whole", () => {
    const csv = HEADER + "001565a0c001,T54W,A,1,101\n001565a0c002,T54W,B,1,102\n";
    const parts = splitImport(csv, 1000);
    expect(parts).toHaveLength(1);
    expect(parts[0].csv).toBe(csv);
    expect(parts[0].devices).toBe(2);
  });

  it("splits by devices, keeps a MAC's rows together and maps each part's lines back to the file's", () => {
    const csv = HEADER
      + "001565a0c001,T54W,A,1,101\n" // line 2
      + "001565a0c002,T54W,B,1,102\n" // line 3
      + "00:15:65:A0:C0:01,T54W,,2,201\n" // line 4: device 1's second account, written another way
      + "001565a0c003,T46U,\"C,\n on two lines\",1,103\n" // lines 5–6
      + "001565a0c004,T46U,D,1,104\n"; // line 7
    const parts = splitImport(csv, 2);
    expect(parts.map((p) => p.devices)).toEqual([2, 2]);
    expect(parts[0].csv).toBe(HEADER + "001565a0c001,T54W,A,1,101\n001565a0c002,T54W,B,1,102\n"
      + "00:15:65:A0:C0:01,T54W,,2,201\n");
    expect([...parts[0].rowOf.entries()]).toEqual([[1, 1], [2, 2], [3, 3], [4, 4]]);
    expect(parts[1].csv).toBe(HEADER + "001565a0c003,T46U,\"C,\n on two lines\",1,103\n001565a0c004,T46U,D,1,104\n");
    // The part's line 4 is the record after the two-line one: line 7 of the file
    expect([...parts[1].rowOf.entries()]).toEqual([[1, 1], [2, 5], [4, 7]]);
  });

  it("takes CRLF, a BOM and a last line without a break", () => {
    const csv = "\uFEFFmac,model\r\n001565a0c001,T54W\r\n001565a0c002,T54W";
    const parts = splitImport(csv, 1);
    expect(parts.map((p) => p.csv)).toEqual(["mac,model\r\n001565a0c001,T54W\r\n", "mac,model\r\n001565a0c002,T54W\n"]);
    expect(parts[1].rowOf.get(2)).toBe(3);
  });

  it("leaves a file without a mac column whole (the API names what is missing)", () => {
    const csv = "model\nT54W\nT46U\n";
    expect(splitImport(csv, 1)).toHaveLength(1);
  });
});
