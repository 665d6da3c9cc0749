/** Bilingual texts of alarm notifications (Chinese first, English beside). */
import { type I18n, type Level, localTime, utcOffsetLabel, zoneOffsetMin } from '@fenghuo/sdk';

/** Alarm levels as a notification names them. */
export const LEVEL_LABELS: Readonly<Record<Level, I18n>> = {
  alarm: { zh: '报警', en: 'alarm' },
  blue: { zh: '蓝色（IV级）', en: 'blue (IV)' },
  yellow: { zh: '黄色（III级）', en: 'yellow (III)' },
  orange: { zh: '橙色（II级）', en: 'orange (II)' },
  red: { zh: '红色（I级）', en: 'red (I)' },
};

/**
 * A moment as a duty officer reads it, in the city's time as the warnings give it: zh
 * `2026-11-29 16:00:00`, en `2026-11-29 16:00:00 (UTC+08:00)`. An unknown zone reads as UTC.
 */
export function when(ts: string | null, timeZone: string): I18n {
  if (!ts || !Number.isFinite(Date.parse(ts))) return { zh: '—', en: '—' };
  const offset = zoneOffsetMin(timeZone, Date.parse(ts));
  const local = localTime(ts, offset);
  return { zh: local, en: `${local} (${utcOffsetLabel(offset)})` };
}

const num = (v: unknown): string =>
  typeof v === 'number' && Number.isFinite(v) ? String(Math.round(v * 1000) / 1000) : '—';

export interface AlarmFacts {
  change: 'raised' | 'stepped_up' | 'stepped_down' | 'cleared' | 'offline' | 'online';
  object: I18n;
  sensor: string;
  metric: I18n;
  unit: string;
  level: Level;
  previousLevel: Level | null;
  value: number | null;
  limit: number | null;
  cause: string;
  ts: string | null;
  timeZone: string;
  /** For offline alarms: the expected interval between readings (s). */
  intervalSec?: number | null;
}

/** Title and body of an alarm notification. */
export function alarmTexts(f: AlarmFacts): { title: I18n; body: I18n } {
  const t = when(f.ts, f.timeZone);
  const lv = LEVEL_LABELS[f.level];
  const value = `${num(f.value)}${f.unit ? ` ${f.unit}` : ''}`;
  const rate = f.cause === 'rate';
  const limit = `${num(f.limit)}${f.unit ? ` ${f.unit}` : ''}${rate ? '/min' : ''}`;
  const crossed: I18n = rate
    ? {
        zh: `变化速率达到${lv.zh}限值 ${limit}`,
        en: `its rate of change reached the ${lv.en} limit of ${limit}`,
      }
    : { zh: `达到${lv.zh}限值 ${limit}`, en: `reaching the ${lv.en} limit of ${limit}` };
  switch (f.change) {
    case 'raised':
      return {
        title: {
          zh: `【报警】${f.object.zh}${f.metric.zh}${lv.zh}`,
          en: `[Alarm] ${f.object.en}: ${f.metric.en}, ${lv.en}`,
        },
        body: {
          zh: `传感器 ${f.sensor} 于 ${t.zh} 测得${f.metric.zh} ${value}，${crossed.zh}。请权属单位立即核查。`,
          en: `Sensor ${f.sensor} measured ${f.metric.en} ${value} at ${t.en}, ${crossed.en}. The owner unit should check at once.`,
        },
      };
    case 'stepped_up':
    case 'stepped_down': {
      const up = f.change === 'stepped_up';
      const from = f.previousLevel ? LEVEL_LABELS[f.previousLevel] : { zh: '—', en: '—' };
      return {
        title: {
          zh: `【报警${up ? '升级' : '降级'}】${f.object.zh}${f.metric.zh}：${from.zh} → ${lv.zh}`,
          en: `[Alarm ${up ? 'stepped up' : 'stepped down'}] ${f.object.en}: ${f.metric.en}, ${from.en} → ${lv.en}`,
        },
        body: {
          zh: `传感器 ${f.sensor} 于 ${t.zh} 测得${f.metric.zh} ${value}，${crossed.zh}。`,
          en: `Sensor ${f.sensor} measured ${f.metric.en} ${value} at ${t.en}, ${crossed.en}.`,
        },
      };
    }
    case 'cleared':
      return {
        title: {
          zh: `【报警解除】${f.object.zh}${f.metric.zh}`,
          en: `[Alarm cleared] ${f.object.en}: ${f.metric.en}`,
        },
        body: {
          zh: `传感器 ${f.sensor} 于 ${t.zh} 测得${f.metric.zh} ${value}，已回落至限值以内（此前为${lv.zh}）。`,
          en: `Sensor ${f.sensor} measured ${f.metric.en} ${value} at ${t.en}, back within its limits (it was ${lv.en}).`,
        },
      };
    case 'offline': {
      const iv = f.intervalSec
        ? { zh: `（预期每 ${f.intervalSec} 秒上报一次）`, en: ` (expected every ${f.intervalSec} s)` }
        : { zh: '', en: '' };
      return {
        title: {
          zh: `【设备离线】${f.object.zh} 传感器 ${f.sensor}`,
          en: `[Sensor offline] ${f.object.en}: sensor ${f.sensor}`,
        },
        body: {
          zh: `传感器 ${f.sensor} 自 ${t.zh} 起未上报数据${iv.zh}，请权属单位检查设备与通信。`,
          en: `Sensor ${f.sensor} has sent nothing since ${t.en}${iv.en}. The owner unit should check the device and its link.`,
        },
      };
    }
    case 'online':
      return {
        title: {
          zh: `【设备恢复】${f.object.zh} 传感器 ${f.sensor}`,
          en: `[Sensor back online] ${f.object.en}: sensor ${f.sensor}`,
        },
        body: {
          zh: `传感器 ${f.sensor} 已恢复上报数据（最近一次 ${t.zh}）。`,
          en: `Sensor ${f.sensor} is reporting again (last at ${t.en}).`,
        },
      };
    default: {
      const never: never = f.change;
      throw new Error(`unknown alarm change ${String(never)}`);
    }
  }
}
