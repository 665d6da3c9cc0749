/**
 * Local time for texts a duty officer reads. An analysis gets the city's offset from UTC with its event
 * (`event.utcOffsetMin`, filled by the host from the city's IANA zone), so the sandbox needs no time-zone
 * database: the arithmetic here is all it takes.
 */

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * `ts` as the city's wall-clock time, `YYYY-MM-DD HH:mm:ss` (no zone; pair it with {@link utcOffsetLabel}
 * in English texts). An unreadable `ts` is returned as it is.
 *
 * @example
 * localTime('2026-11-29T20:54:35Z', 480); // '2026-11-30 04:54:35'
 */
export function localTime(ts: string, utcOffsetMin = 0): string {
  const ms = Date.parse(ts);
  if (!Number.isFinite(ms)) return ts;
  const d = new Date(ms + utcOffsetMin * 60_000);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/**
 * The offset as `UTC+08:00`.
 *
 * @example
 * utcOffsetLabel(480); // 'UTC+08:00'
 * utcOffsetLabel(-210); // 'UTC-03:30'
 */
export function utcOffsetLabel(utcOffsetMin = 0): string {
  const sign = utcOffsetMin < 0 ? '-' : '+';
  const m = Math.abs(Math.round(utcOffsetMin));
  return `UTC${sign}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/**
 * The offset from UTC of an IANA zone at an instant, in minutes (host side: it needs the platform's
 * time-zone data). An unknown zone gives 0.
 *
 * @example
 * zoneOffsetMin('Asia/Shanghai', Date.parse('2026-11-29T20:00:00Z')); // 480
 */
export function zoneOffsetMin(timeZone: string, atMs: number): number {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(atMs))
      .find((p) => p.type === 'timeZoneName')?.value;
    const m = /^GMT(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/.exec(name ?? '');
    if (!m) return 0;
    if (!m[1]) return 0;
    const v = Number(m[2]) * 60 + Number(m[3] ?? 0);
    return m[1] === '-' ? -v : v;
  } catch {
    return 0;
  }
}
