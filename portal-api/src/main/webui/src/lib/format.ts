/** A timestamp from the API in the user's locale, or a dash. */
export function formatTime(value: string | undefined | null, locale: string): string {
  if (!value) return "–";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString(locale);
}

/** When the first of folded repeats came: its time of day when it is the same day as the last, else date and time. */
export function formatSince(first: string | undefined | null, last: string | undefined | null, locale: string): string {
  if (!first) return "–";
  const from = new Date(first);
  const to = last ? new Date(last) : from;
  if (Number.isNaN(from.getTime())) return first;
  return from.toDateString() === to.toDateString() ? from.toLocaleTimeString(locale) : from.toLocaleString(locale);
}

/** 12 hex digits as 00:15:65:a0:c0:01, the way it is printed on the phone's label. */
export function formatMac(mac: string): string {
  return mac.match(/.{2}/g)?.join(":") ?? mac;
}
