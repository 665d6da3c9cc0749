/**
 * Recommended actions by tier, cumulative, in the terms of JGJ 125-2016 §6 (处理建议: 观察使用, 处理使用,
 * 停止使用, 整体拆除 — recalled) and the self-built-house safety campaigns: blue → check the data and
 * inspect; yellow → a danger appraisal (危险房屋鉴定) and restricted use; orange → stop using the building,
 * move its occupants out, cordon off the fall zone and shore up; red → evacuate the building and the fall
 * zone at once, close roads, rescue on standby.
 */
import type { I18n, Statement, Tier } from '@fenghuo/sdk';
import { listEn } from './text.js';

export interface ActionContext {
  building: I18n;
  /** Names of the signals that exceed, joined. */
  signals: I18n;
  fallZoneM: number;
  occupants: number | null;
  /** Objects inside the fall zone (neighbouring buildings, schools, roads …). */
  inZone: I18n[];
  commercial: boolean;
  heritage: boolean;
  /** Vibration is among the exceedances: the source (blasting, piling, heavy traffic) must be controlled. */
  vibration: boolean;
}

const join = (xs: I18n[], lang: 'zh' | 'en') =>
  lang === 'zh' ? xs.map((x) => x.zh).join('、') : listEn(xs.map((x) => x.en));

function observe(c: ActionContext): Statement[] {
  return [
    {
      zh: `复核${c.signals.zh}监测数据（排除传感器故障、温度影响），监测频次提高到每小时至少 1 次`,
      en: `Check the ${c.signals.en} readings (rule out sensor faults and temperature effects) and sample at least hourly`,
    },
    {
      zh: `由房屋安全管理部门或产权人组织对${c.building.zh}开展现场排查：裂缝、倾斜、地基、承重墙柱及改扩建情况`,
      en: `Have the housing-safety office or the owner inspect ${c.building.en} on site: cracks, tilt, foundation, load-bearing walls and columns, alterations`,
    },
  ];
}

function source(c: ActionContext): Statement[] {
  return c.vibration
    ? [
        {
          zh: '责令周边爆破、打桩、强夯等振动作业暂停，降低单段药量或改用低振动工法后方可恢复，并对房屋开展振后检查',
          en: 'Halt blasting, piling or dynamic compaction nearby until charges per delay are cut or a low-vibration method is used, and inspect the building after the vibration',
        },
      ]
    : [];
}

function appraise(c: ActionContext): Statement[] {
  return [
    {
      zh: `委托有资质的鉴定机构按 JGJ 125 对${c.building.zh}进行危险性鉴定${c.heritage ? '，并会同文物部门制定保护性加固方案' : ''}`,
      en: `Commission a qualified body to appraise ${c.building.en} under JGJ 125${c.heritage ? ', with the heritage authority for a conservation-compatible repair' : ''}`,
    },
    {
      zh: `限制使用：禁止人员聚集${c.commercial ? '、暂停人员密集的经营活动' : ''}，禁止堆载和拆改`,
      en: `Restrict use: no gatherings${c.commercial ? ', suspend crowded business activity' : ''}, no heavy storage, no alterations`,
    },
  ];
}

function stopUse(c: ActionContext): Statement[] {
  const who = c.occupants !== null ? `（约 ${c.occupants} 人）` : '';
  const whoEn = c.occupants !== null ? ` (about ${c.occupants} people)` : '';
  const out: Statement[] = [
    {
      zh: `停止使用${c.building.zh}${c.commercial ? '并停止经营' : ''}，组织室内人员${who}撤离并妥善安置`,
      en: `Stop using ${c.building.en}${c.commercial ? ' and close the business' : ''}; move everyone inside${whoEn} out and house them`,
    },
    {
      zh: `以建筑为中心划定半径 ${c.fallZoneM} 米的倒塌影响范围并设置警戒，禁止无关人员进入`,
      en: `Cordon off the fall zone, ${c.fallZoneM} m round the building; keep everyone out`,
    },
    {
      zh: '组织专家会商，采取临时支撑、卸载等应急排险措施',
      en: 'Convene structural experts; shore up and unload the building as an emergency measure',
    },
  ];
  if (c.inZone.length > 0) {
    out.push({
      zh: `通知影响范围内的${join(c.inZone, 'zh')}做好撤离准备`,
      en: `Warn ${join(c.inZone, 'en')} inside the fall zone to be ready to leave`,
    });
  }
  return out;
}

function evacuate(c: ActionContext): Statement[] {
  return [
    {
      zh: `立即撤离${c.building.zh}全部人员及半径 ${c.fallZoneM} 米内的人员${c.inZone.length > 0 ? `（${join(c.inZone, 'zh')}）` : ''}，封闭周边道路`,
      en: `Evacuate everyone from ${c.building.en} and within ${c.fallZoneM} m${c.inZone.length > 0 ? ` (${join(c.inZone, 'en')})` : ''} now, and close the roads round it`,
    },
    {
      zh: '启动房屋安全突发事件应急预案，消防救援和医疗力量到场待命，切断燃气和电源',
      en: 'Activate the building-safety emergency plan; fire-rescue and medical teams on standby on site; cut gas and power',
    },
  ];
}

/** The actions of a tier, the most urgent first. */
export function actionsFor(tier: Tier, c: ActionContext): Statement[] {
  switch (tier) {
    case 'blue':
      return [...source(c), ...observe(c)];
    case 'yellow':
      return [...source(c), ...appraise(c), ...observe(c)];
    case 'orange':
      return [...stopUse(c), ...source(c), ...appraise(c), ...observe(c)];
    case 'red':
      // The fall zone is evacuated already: keep the cordon and the shoring, not the "be ready" notice.
      return [...evacuate(c), ...stopUse(c).slice(1, 3), ...source(c), ...appraise(c).slice(0, 1)];
  }
}

/** What to do when the analysis concludes no warning. */
export function noWarningActions(building: I18n, sensorId: string | null): Statement[] {
  const out: Statement[] = [
    {
      zh: `继续监测${building.zh}，在下次巡查时核对读数`,
      en: `Keep monitoring ${building.en} and check the readings at the next inspection`,
    },
  ];
  if (sensorId !== null) {
    out.push({
      zh: `检查测点 ${sensorId} 的安装、供电与标定`,
      en: `Check gauge ${sensorId}: mounting, power and calibration`,
    });
  }
  return out;
}
