import { describe, expect, it } from "vitest";
import { formatSettings, parseSettings } from "./settingsText";

describe("settings text", () => {
  it("reads key = value lines, skipping comments and blanks", () => {
    const parsed = parseSettings("# time\nlocal_time.ntp_server1 = pool.ntp.org\n\n  lang.gui=Dutch  \n");
    expect(parsed.settings).toEqual({ "local_time.ntp_server1": "pool.ntp.org", "lang.gui": "Dutch" });
    expect(parsed.badLines).toEqual([]);
  });

  it("keeps '=' inside a value and allows an empty value", () => {
    expect(parseSettings("a.b = x=y\nc.d =").settings).toEqual({ "a.b": "x=y", "c.d": "" });
  });

  it("names lines without a key and repeated keys", () => {
    const parsed = parseSettings("= nothing\njust text\na.b = 1\na.b = 2");
    expect(parsed.badLines).toEqual([
      { line: 1, reason: "format" },
      { line: 2, reason: "format" },
      { line: 4, reason: "duplicate" },
    ]);
    expect(parsed.settings).toEqual({ "a.b": "1" });
  });

  it("round-trips a map", () => {
    const settings = { "x.y": "1", "features.a": "on" };
    expect(parseSettings(formatSettings(settings)).settings).toEqual(settings);
  });
});
