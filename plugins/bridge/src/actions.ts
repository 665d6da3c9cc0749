/**
 * Recommended actions (guideline §4(2)3: "expert review; recommend inspection or traffic control"), by
 * tier and cumulative, plus the measures particular to the cause: inspection (blue/yellow), expert review
 * and load restriction (orange), closure (red); wind → high-sided vehicle restriction; crowd-induced
 * footbridge vibration → crowd control. Inspection terms follow CJJ 99 (经常性检查 / 定期检测 / 特殊检测).
 */
import type { I18n, Statement, Tier } from '@fenghuo/sdk';

export type Cause = 'load' | 'structural' | 'wind' | 'pedestrian' | 'vibration';

export interface ActionContext {
  bridge: I18n;
  /** Names of the metrics that exceed, joined. */
  metrics: I18n;
  cause: Cause;
  /** Protection targets near the bridge (roads under it, schools …). */
  targets: I18n[];
  footbridge: boolean;
}

const join = (xs: I18n[], lang: 'zh' | 'en') => xs.map((x) => x[lang]).join(lang === 'zh' ? '、' : ', ');

/** What an inspection looks at: the members behind the metrics, or after wind the wind-sensitive parts. */
function members(c: ActionContext): I18n {
  switch (c.cause) {
    case 'wind':
      return {
        zh: '拉索、吊杆、支座、伸缩缝及栏杆等附属设施',
        en: 'cables, hangers, bearings, expansion joints, railings and fittings',
      };
    case 'pedestrian':
      return { zh: '主梁、支座及阻尼器', en: 'the girder, bearings and dampers' };
    default:
      return { zh: `${c.metrics.zh}超限部位`, en: `where the ${c.metrics.en} exceed` };
  }
}

function inspect(c: ActionContext, tier: Tier): Statement[] {
  const m = members(c);
  const out: Statement[] = [
    {
      zh: `复核${c.metrics.zh}监测数据（排除传感器故障、温度影响），提高采样频次`,
      en: `Check the ${c.metrics.en} data (rule out sensor faults and temperature effects) and raise the sampling rate`,
    },
    {
      zh: `安排养护单位对${c.bridge.zh}${m.zh}开展经常性检查`,
      en: `Have the maintenance unit carry out a routine inspection of ${c.bridge.en}: ${m.en}`,
    },
  ];
  if (tier !== 'blue') {
    out.unshift({
      zh: `委托检测单位对${c.bridge.zh}开展特殊检测（专项检查），重点检查${m.zh}`,
      en: `Commission a special inspection of ${c.bridge.en}, focused on ${m.en}`,
    });
  }
  return out;
}

function restrict(c: ActionContext): Statement[] {
  const out: Statement[] = [
    { zh: '组织桥梁专家会商研判结构安全状况', en: 'Convene bridge experts to review the structure’s safety' },
    c.footbridge
      ? {
          zh: '限制桥上人数，禁止在桥上聚集',
          en: 'Limit the number of people on the bridge; no gathering on it',
        }
      : {
          zh: '实施交通管制：限载、限速，禁止超重车辆和危险货物运输车辆通行，车辆分道、拉开间距',
          en: 'Traffic control: load and speed limits, no overweight or dangerous-goods vehicles, vehicles spaced and kept to their lanes',
        },
  ];
  if (c.targets.length > 0) {
    out.push({
      zh: `通知${join(c.targets, 'zh')}做好防范准备`,
      en: `Warn ${join(c.targets, 'en')} to prepare`,
    });
  }
  return out;
}

function close(c: ActionContext): Statement[] {
  return [
    {
      zh: `立即封闭${c.bridge.zh}交通，桥上人员车辆撤离，桥下道路、航道同步管控`,
      en: `Close ${c.bridge.en} now: clear people and vehicles off it, and control the roads and waterway beneath`,
    },
    {
      zh: '启动桥梁突发事件应急预案，报告行业主管部门',
      en: 'Activate the bridge emergency plan and report to the supervising department',
    },
  ];
}

function byCause(c: ActionContext, tier: Tier): Statement[] {
  switch (c.cause) {
    case 'wind':
      return [
        tier === 'red'
          ? {
              zh: '大风超过封桥风速：封闭桥面交通，风速回落后检查后再开放',
              en: 'Wind above the closure speed: close the deck; inspect before reopening when it drops',
            }
          : {
              zh: '大风期间限制高边车辆、摩托车和非机动车通行，降低车速',
              en: 'While the wind lasts, keep high-sided vehicles, motorcycles and bicycles off and lower the speed limit',
            },
      ];
    case 'pedestrian':
      return [
        {
          zh: '控制桥上人流密度，禁止集体跑跳、齐步行进；检查阻尼器（TMD）工作状态',
          en: 'Control the crowd density on the bridge, no running or marching in step; check the tuned mass dampers',
        },
      ];
    case 'vibration':
      return [
        {
          zh: '振动异常且无大风解释：开展振动专项分析（排查涡激振动、支座或结构损伤）',
          en: 'Unexplained vibration: a special vibration analysis (vortex-induced vibration, bearing or structural damage)',
        },
      ];
    case 'load':
      return [
        {
          zh: '调取称重及视频记录核查超限超载车辆，联合交警、路政开展超限治理',
          en: 'Check weigh-in-motion and video records for overweight vehicles and enforce the limits with the traffic police',
        },
      ];
    case 'structural':
      return [];
  }
}

/** Actions for a tier and cause, strongest first. */
export function actionsFor(tier: Tier, c: ActionContext): Statement[] {
  switch (tier) {
    case 'red':
      return [...close(c), ...byCause(c, tier), ...restrict(c), ...inspect(c, tier)];
    case 'orange':
      return [...restrict(c), ...byCause(c, tier), ...inspect(c, tier)];
    case 'yellow':
    case 'blue':
      return [...byCause(c, tier), ...inspect(c, tier)];
  }
}

/** What the owner does with an alarm that does not become a warning. */
export function transientCheck(c: { bridge: I18n; heavyVehicle: boolean }): Statement[] {
  return c.heavyVehicle
    ? [
        {
          zh: '调取称重及视频记录，核查该时刻过桥的超重车辆并依法处理',
          en: 'Check weigh-in-motion and video records for the overweight vehicle at that moment and deal with it',
        },
      ]
    : [
        {
          zh: `养护单位核查${c.bridge.zh}该测点数据与传感器状态`,
          en: `Maintenance unit to check this sensor and its data on ${c.bridge.en}`,
        },
      ];
}
