/**
 * Recommended actions by tier, cumulative (a red warning carries the orange, yellow and blue actions
 * too, strongest first). Wording follows common city gas emergency practice (CJJ 51 operation and
 * emergency-repair practice, DOT ERG Guide 115: isolate, no ignition sources, ventilate, evacuate).
 */
import type { I18n, Statement, Tier } from '@fenghuo/sdk';

export interface ActionContext {
  radiusM: number;
  /** The likely leak location. */
  source: I18n;
  /** The gas main the source lies on, when known. */
  main: I18n | null;
  /** Names of protection targets and hazards inside the radius. */
  targets: I18n[];
  hazards: I18n[];
  /** A rupture (sudden pressure loss) rather than a seep. */
  rupture: boolean;
}

const list = (xs: I18n[], lang: 'zh' | 'en') => xs.map((x) => x[lang]).join(lang === 'zh' ? '、' : ', ');

function blue(c: ActionContext): Statement[] {
  return [
    {
      zh: `燃气企业抢修人员立即到场，用便携式检测仪复测${c.source.zh}及周边阀门井、雨污水井、电力通信井`,
      en: `Gas company crew on site at once to re-measure ${c.source.en} and the valve, storm, sewer, power and telecom wells around it with a portable detector`,
    },
    {
      zh: '提高相关监测点采样频次，持续跟踪浓度变化',
      en: 'Raise the sampling rate of the sensors involved and track the concentration',
    },
  ];
}

function yellow(c: ActionContext): Statement[] {
  return [
    {
      zh: `在${c.source.zh}周边设置警戒区，严禁烟火及一切点火源（不得使用手机、开关电器或启动机动车）`,
      en: `Cordon off the area around ${c.source.en} and forbid all ignition sources (no phones, electrical switches or engine starts)`,
    },
    {
      zh: '使用防爆工具开启井盖自然通风，严禁人员进入井室',
      en: 'Open the covers with non-sparking tools to ventilate naturally; nobody enters the wells',
    },
    {
      zh: '通知燃气企业应急抢修队伍赶赴现场查找泄漏点',
      en: 'Call out the gas company emergency repair team to locate the leak',
    },
  ];
}

function orange(c: ActionContext, evacuate = true): Statement[] {
  const out: Statement[] = [
    c.main
      ? {
          zh: `关闭${c.main.zh}泄漏管段上下游阀门，必要时降压运行`,
          en: `Close the valves upstream and downstream of the leaking section of ${c.main.en}; lower the pressure if needed`,
        }
      : {
          zh: '关闭泄漏管段上下游阀门，必要时降压运行',
          en: 'Close the valves upstream and downstream of the leaking section; lower the pressure if needed',
        },
    { zh: '消防救援队伍到场待命', en: 'Fire and rescue on standby at the scene' },
  ];
  // At red the evacuation is already ordered, immediately and for everyone.
  if (evacuate) {
    out.splice(1, 0, {
      zh: `疏散半径 ${c.radiusM} 米内人员并实施交通管制`,
      en: `Evacuate people within ${c.radiusM} m and close the roads`,
    });
  }
  if (c.targets.length > 0) {
    out.push({
      zh: `通知${list(c.targets, 'zh')}立即组织人员转移`,
      en: `Tell ${list(c.targets, 'en')} to move people out now`,
    });
  }
  return out;
}

function red(c: ActionContext): Statement[] {
  const out: Statement[] = [
    {
      zh: '启动燃气突发事件应急预案，报告属地政府和应急管理部门',
      en: 'Activate the gas emergency plan and report to the local government and emergency management bureau',
    },
    {
      zh: `立即疏散半径 ${c.radiusM} 米内全部人员，实施交通管制，禁止车辆驶入`,
      en: `Evacuate everyone within ${c.radiusM} m now, close the roads and stop all vehicles entering`,
    },
  ];
  if (c.hazards.length > 0) {
    out.push({
      zh: `通知${list(c.hazards, 'zh')}立即停止作业、切断物料并撤离`,
      en: `Tell ${list(c.hazards, 'en')} to stop work, isolate their stock and leave`,
    });
  }
  if (c.rupture) {
    out.push({
      zh: '管线破裂特征：在上游远端截断阀切断气源，不得在警戒区内操作电气设备',
      en: 'Rupture signature: shut off the supply at the remote upstream block valve; operate no electrical equipment inside the cordon',
    });
  }
  return out;
}

/** Actions for a tier, strongest first. */
export function actionsFor(tier: Tier, c: ActionContext): Statement[] {
  switch (tier) {
    case 'red':
      return [...red(c), ...orange(c, false), ...yellow(c), ...blue(c)];
    case 'orange':
      return [...orange(c), ...yellow(c), ...blue(c)];
    case 'yellow':
      return [...yellow(c), ...blue(c)];
    case 'blue':
      return blue(c);
  }
}

/** What the owner does with an alarm that does not become a warning. */
export function ownerCheck(sensorId: string, why: 'spike' | 'drift' | 'low'): Statement[] {
  switch (why) {
    case 'spike':
      return [
        {
          zh: `权属单位核查 ${sensorId} 点位的干扰源（积水、汽车尾气、沼气、电磁干扰），并现场复测`,
          en: `Owner to check ${sensorId} for interference (standing water, exhaust, sewer gas, electrical noise) and re-measure on site`,
        },
      ];
    case 'drift':
      return [
        {
          zh: `对 ${sensorId} 进行零点/量程标定，超期或失效的探测器予以更换（CJJ/T 146：探测器使用寿命 3–5 年）`,
          en: `Calibrate zero and span of ${sensorId}; replace it if it is past its life or faulty (CJJ/T 146: 3–5 years)`,
        },
        {
          zh: '标定前用便携式检测仪现场复测，排除缓慢渗漏',
          en: 'Before calibrating, re-measure on site with a portable detector to rule out a slow seep',
        },
      ];
    case 'low':
      return [{ zh: `权属单位现场复测 ${sensorId} 点位`, en: `Owner to re-measure at ${sensorId} on site` }];
  }
}
