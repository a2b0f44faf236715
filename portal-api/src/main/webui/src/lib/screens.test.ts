import { describe, expect, it } from "vitest";
import { kindOf, mediaName, previewSize, screensOf } from "./screens";

describe("wallpaper previews", () => {
  it("groups the models by screen size, largest first, without the ones that take no wallpaper", () => {
    expect(
      screensOf([
        { name: "T46U", screenWidth: 480, screenHeight: 272 },
        { name: "T58W", screenWidth: 1024, screenHeight: 600 },
        { name: "T43U" },
        { name: "T54W", screenWidth: 480, screenHeight: 272 },
      ]),
    ).toEqual([
      { width: 1024, height: 600, models: ["T58W"] },
      { width: 480, height: 272, models: ["T46U", "T54W"] },
    ]);
  });

  it("draws a preview at the screen's size, scaled down to fit", () => {
    expect(previewSize({ width: 480, height: 272 }, 240)).toEqual({ width: 240, height: 136 });
    expect(previewSize({ width: 320, height: 240 }, 400)).toEqual({ width: 320, height: 240 });
  });

  it("makes a file name a media name and guesses the kind", () => {
    expect(mediaName("Logo van Café 2.PNG")).toBe("Logo-van-Cafe-2.PNG");
    expect(mediaName("..hidden.wav")).toBe("hidden.wav");
    expect(kindOf({ type: "audio/mpeg", name: "ring.mp3" })).toBe("RINGTONE");
    expect(kindOf({ type: "", name: "ring.WAV" })).toBe("RINGTONE");
    expect(kindOf({ type: "image/png", name: "wall.png" })).toBe("WALLPAPER");
  });
});
