import type { Device, DeviceInput } from "../api/client";

/** What a bulk assignment changes on each device: its phonebooks, its wallpaper or its ringtone (null clears it). */
export type Assignment = { phonebookIds: number[] } | { wallpaper: string | null } | { ringtone: string | null };

/**
 * The device as a PUT body with one assignment applied and everything else as it is: accounts without a password
 * (the API keeps the stored one of each index), label, settings and the other media untouched.
 */
export function withAssignment(device: Device, assignment: Assignment): DeviceInput {
  const body: DeviceInput = {
    mac: device.mac!,
    model: device.model!,
    label: device.label,
    settings: device.settings,
    phonebookIds: device.phonebookIds,
    wallpaper: device.wallpaper,
    ringtone: device.ringtone,
    accounts: (device.accounts ?? []).map((a) => ({
      index: a.index!,
      userName: a.userName!,
      authName: a.authName,
      server: a.server!,
      port: a.port ?? 5060,
      transport: a.transport ?? "UDP",
      displayName: a.displayName,
      label: a.label,
    })),
  };
  if ("phonebookIds" in assignment) body.phonebookIds = assignment.phonebookIds;
  if ("wallpaper" in assignment) body.wallpaper = assignment.wallpaper ?? undefined;
  if ("ringtone" in assignment) body.ringtone = assignment.ringtone ?? undefined;
  return body;
}

/** The If-Match value for a device version seen in a list (the API's ETag is the quoted version). */
export function etagOfVersion(version: number | undefined): string | undefined {
  return version === undefined ? undefined : `"${version}"`;
}
