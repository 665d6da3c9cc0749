/**
 * Who is exposed: the people inside the premises at the time of the event (opening and meal-peak hours),
 * and the building's other occupants (residents above a street shop, a mall's crowd, a basement's
 * limited escape).
 */
import type { I18n } from '@fenghuo/sdk';
import type { BuildingUse } from './definition.js';

/**
 * The city's offset from UTC at the event: the one the event carries (from the city's time zone, so it
 * follows daylight saving), else the configured one, for a host that does not send it.
 */
export function cityOffsetMin(event: { utcOffsetMin?: number }, cfg: { utcOffsetMin: number }): number {
  return event.utcOffsetMin ?? cfg.utcOffsetMin;
}

/** Minutes after local midnight of an instant, for a UTC offset in minutes. */
export function localMinuteOfDay(ms: number, utcOffsetMin: number): number {
  const m = Math.floor(ms / 60_000) + utcOffsetMin;
  return ((m % 1440) + 1440) % 1440;
}

/** Parses "HH:MM-HH:MM" into minutes; `null` when malformed. */
export function parseSpan(span: string): [number, number] | null {
  const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(span);
  if (!m) return null;
  const a = Number(m[1]) * 60 + Number(m[2]);
  const b = Number(m[3]) * 60 + Number(m[4]);
  if (a > 1440 || b > 1440) return null;
  return [a, b];
}

/** Whether a minute of the day falls in any span; a span whose end is before its start runs past midnight. */
export function inSpans(minute: number, spans: readonly string[]): boolean {
  for (const s of spans) {
    const p = parseSpan(s);
    if (!p) continue;
    const [a, b] = p;
    if (a <= b ? minute >= a && minute < b : minute >= a || minute < b) return true;
  }
  return false;
}

export interface Occupancy {
  /** Open now (`true` when opening hours are not given: the safe assumption). */
  open: boolean;
  /** Open and in a meal peak: the catalogue's "crowded hours". */
  crowded: boolean;
  occupants: number | null;
  residents: number | null;
  buildingUse: BuildingUse;
  floor: number;
  /** The building holds people beyond the shop who its own siren does not reach. */
  buildingExposed: boolean;
  statements: I18n[];
}

const strings = (x: unknown): string[] | null =>
  Array.isArray(x) && x.every((s) => typeof s === 'string') ? (x as string[]) : null;

const BUILDING: Record<BuildingUse, I18n> = {
  standalone: { zh: '独栋建筑', en: 'a standalone building' },
  street_row: { zh: '沿街商铺', en: 'a street-front row of shops' },
  mixed_residential: { zh: '下店上宅住宅楼底商', en: 'the ground floor of a residential building' },
  commercial_complex: { zh: '商业综合体', en: 'a shopping complex' },
  office: { zh: '办公楼', en: 'an office building' },
  other: { zh: '其他建筑', en: 'another kind of building' },
};

export function buildingName(use: BuildingUse): I18n {
  return BUILDING[use];
}

export function occupancy(
  attributes: Record<string, unknown>,
  eventMs: number,
  cfg: { utcOffsetMin: number; defaultPeakHours: string[] },
): Occupancy {
  const minute = localMinuteOfDay(eventMs, cfg.utcOffsetMin);
  const openSpans = strings(attributes['openHours']);
  const open = openSpans === null || openSpans.length === 0 ? true : inSpans(minute, openSpans);
  const peak = strings(attributes['peakHours']) ?? cfg.defaultPeakHours;
  const crowded = open && inSpans(minute, peak);
  const occupants = typeof attributes['occupants'] === 'number' ? attributes['occupants'] : null;
  const residents =
    typeof attributes['residentsInBuilding'] === 'number' ? attributes['residentsInBuilding'] : null;
  const buildingUse = (
    typeof attributes['buildingUse'] === 'string' ? attributes['buildingUse'] : 'other'
  ) as BuildingUse;
  const floor = typeof attributes['floor'] === 'number' ? attributes['floor'] : 1;
  const basement = floor < 0;
  const buildingExposed =
    buildingUse === 'mixed_residential' ||
    buildingUse === 'commercial_complex' ||
    basement ||
    (residents !== null && residents > 0);

  const statements: I18n[] = [];
  const hh = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  const people = occupants !== null ? `，最多约 ${occupants} 人在场` : '';
  const peopleEn = occupants !== null ? `, up to about ${occupants} people inside` : '';
  if (crowded) {
    statements.push({
      zh: `当地时间 ${hh} 为营业就餐高峰${people}`,
      en: `${hh} local time is a meal peak${peopleEn}`,
    });
  } else if (open) {
    statements.push({ zh: `当地时间 ${hh} 营业中${people}`, en: `${hh} local time: open${peopleEn}` });
  } else {
    statements.push({
      zh: `当地时间 ${hh} 非营业时段，店内可能无人值守`,
      en: `${hh} local time: closed, the shop may be unattended`,
    });
  }
  const b = BUILDING[buildingUse];
  const res = residents !== null && residents > 0 ? `，楼内约 ${residents} 名居民` : '';
  const resEn = residents !== null && residents > 0 ? `, about ${residents} residents in the building` : '';
  statements.push({
    zh: `场所位于${b.zh}${basement ? `地下 ${-floor} 层` : ` ${floor} 层`}${res}`,
    en: `The premises are in ${b.en}, ${basement ? `basement level ${-floor}` : `floor ${floor}`}${resEn}`,
  });
  if (basement) {
    statements.push({
      zh: '地下空间通风差、疏散路线少，泄漏燃气易积聚',
      en: 'Below ground: poor ventilation and few escape routes, so leaked gas collects',
    });
  }
  return { open, crowded, occupants, residents, buildingUse, floor, buildingExposed, statements };
}
