import { describe, expect, it } from "vitest";
import type { Device } from "../api/client";
import { etagOfVersion, withAssignment } from "./deviceInput";

const device: Device = {
  mac: "001565000001",
  model: "T46U",
  label: "Reception",
  settings: { "phone_setting.backlight_time": "60" },
  phonebookIds: [3],
  wallpaper: "old.png",
  ringtone: "ring.wav",
  version: 7,
  accounts: [{ index: 1, userName: "1001", authName: "a1001", server: "pbx.example.com", port: 5061, transport: "TLS", displayName: "Desk", label: "1001", passwordSet: true }],
};

describe("bulk assignment body", () => {
  it("changes only the wallpaper and keeps everything else, passwords left out", () => {
    const body = withAssignment(device, { wallpaper: "new.png" });
    expect(body).toEqual({
      mac: "001565000001",
      model: "T46U",
      label: "Reception",
      settings: { "phone_setting.backlight_time": "60" },
      phonebookIds: [3],
      wallpaper: "new.png",
      ringtone: "ring.wav",
      accounts: [{ index: 1, userName: "1001", authName: "a1001", server: "pbx.example.com", port: 5061, transport: "TLS", displayName: "Desk", label: "1001" }],
    });
    expect(JSON.stringify(body)).not.toContain("password");
  });

  it("replaces the phonebooks, clears a ringtone", () => {
    expect(withAssignment(device, { phonebookIds: [1, 2] }).phonebookIds).toEqual([1, 2]);
    const cleared = withAssignment(device, { ringtone: null });
    expect(cleared.ringtone).toBeUndefined();
    expect(cleared.wallpaper).toBe("old.png");
  });

  it("quotes a version as the API's ETag", () => {
    expect(etagOfVersion(7)).toBe('"7"');
    expect(etagOfVersion(undefined)).toBeUndefined();
  });
});
