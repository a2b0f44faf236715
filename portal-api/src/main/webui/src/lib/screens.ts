/** A screen size and the models that have it, for previews of a wallpaper. */
export interface Screen {
  width: number;
  height: number;
  models: string[];
}

/**
 * The catalog's models grouped by screen size, largest first; models that take no wallpaper (no screen size in the
 * catalog) are left out. One preview per size is enough: media-service fits a wallpaper to the size, not the model.
 */
export function screensOf(models: { name?: string; screenWidth?: number; screenHeight?: number }[]): Screen[] {
  const bySize = new Map<string, Screen>();
  for (const m of models) {
    if (!m.screenWidth || !m.screenHeight || !m.name) continue;
    const key = `${m.screenWidth}x${m.screenHeight}`;
    const screen = bySize.get(key) ?? { width: m.screenWidth, height: m.screenHeight, models: [] };
    screen.models.push(m.name);
    bySize.set(key, screen);
  }
  return [...bySize.values()]
    .map((s) => ({ ...s, models: s.models.sort() }))
    .sort((a, b) => b.width * b.height - a.width * a.height || b.width - a.width);
}

/** The size a preview is drawn at: the screen's own pixels, scaled down to at most `max` wide. */
export function previewSize(screen: { width: number; height: number }, max: number): { width: number; height: number } {
  const scale = Math.min(1, max / screen.width);
  return { width: Math.round(screen.width * scale), height: Math.round(screen.height * scale) };
}

/** A file name as a media name: letters, digits, '.', '_' and '-' only (what the API takes), at most 128. */
export function mediaName(fileName: string): string {
  return fileName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "")
    .slice(0, 128);
}

/** The kind a file most likely is: audio is a ringtone, an image a wallpaper. */
export function kindOf(file: { type: string; name: string }): "WALLPAPER" | "RINGTONE" {
  return file.type.startsWith("audio/") || /\.(wav|mp3)$/i.test(file.name) ? "RINGTONE" : "WALLPAPER";
}
