/**
 * Recommended actions by tier, cumulative and strongest first (a red warning carries the orange, yellow
 * and blue actions too). Wording follows common user-side gas emergency practice: shut the supply, no
 * ignition sources (no switches, phones, flames), ventilate naturally, leave, call the gas company and
 * 119 from outside (CJJ 51 operation and emergency repair of city gas; DOT ERG 2020 Guide 115, natural gas and LPG).
 */
import type { I18n, Statement, Tier } from '@fenghuo/sdk';

export interface ActionContext {
  premises: I18n;
  lpg: boolean;
  /** Radii of the blast zones, metres. */
  damageM: number;
  glassM: number;
  /** The shut-off valve did not close (or is faulty). */
  valveFailed: boolean;
  /** Neighbours and protection targets to tell, by name. */
  neighbours: I18n[];
  targets: I18n[];
  buildingExposed: boolean;
  fireballM: number | null;
}

const list = (xs: I18n[], lang: 'zh' | 'en') => xs.map((x) => x[lang]).join(lang === 'zh' ? '、' : ', ');

function blue(c: ActionContext): Statement[] {
  return [
    c.lpg
      ? {
          zh: `${c.premises.zh}店内人员立即关闭灶具阀门和气瓶角阀，打开门窗自然通风，严禁开关电器、使用明火和手机`,
          en: `Staff at ${c.premises.en}: close the appliance valves and the cylinder valves now, open doors and windows, switch nothing on or off, no flames, no phones`,
        }
      : {
          zh: `${c.premises.zh}店内人员立即关闭灶具阀门和燃气表前总阀，打开门窗自然通风，严禁开关电器、使用明火和手机`,
          en: `Staff at ${c.premises.en}: close the appliance valves and the inlet valve before the meter now, open doors and windows, switch nothing on or off, no flames, no phones`,
        },
    {
      zh: '燃气企业到场用便携式检测仪复测，并用肥皂水检查软管、接头和灶前阀',
      en: 'Gas company to re-measure on site with a portable detector and check hoses, joints and appliance valves with soapy water',
    },
  ];
}

function yellow(c: ActionContext): Statement[] {
  const out: Statement[] = [
    {
      zh: '停止一切炊事作业，后厨人员撤离，顾客远离厨房区域',
      en: 'Stop all cooking, clear the kitchen, keep guests away from it',
    },
    { zh: '燃气企业应急抢修队伍赶赴现场', en: 'Gas company emergency crew to the scene' },
  ];
  if (c.valveFailed) {
    out.unshift({
      zh: '紧急切断阀未能关闭：人工关闭进户总阀（或气瓶角阀）切断气源，并报修切断阀',
      en: 'The shut-off valve did not close: shut the supply by hand at the inlet valve (or the cylinder valves) and have the valve repaired',
    });
  }
  return out;
}

function orange(c: ActionContext, evacuate = true): Statement[] {
  const out: Statement[] = [];
  if (evacuate) {
    out.push({
      zh: `组织店内全部顾客和员工撤离，在 ${Math.round(c.damageM)} 米范围设置警戒，警戒区内严禁烟火和操作电气设备`,
      en: `Evacuate every guest and worker; cordon ${Math.round(c.damageM)} m around and allow no flames or electrical switching inside`,
    });
  }
  out.push({ zh: '消防救援队伍到场待命', en: 'Fire and rescue on standby at the scene' });
  if (c.buildingExposed) {
    out.push({
      zh: '通知同一建筑内的住户和商户经远离厨房的通道撤离',
      en: 'Tell the residents and shops of the same building to leave by routes away from the kitchen',
    });
  }
  if (c.neighbours.length > 0) {
    out.push({
      zh: `通知相邻场所${list(c.neighbours, 'zh')}停止用火并做好撤离准备`,
      en: `Tell the neighbouring ${list(c.neighbours, 'en')} to put out flames and be ready to leave`,
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
      zh: `立即疏散 ${Math.round(c.glassM)} 米范围内全部人员（含同楼住户），实施交通管制`,
      en: `Evacuate everyone within ${Math.round(c.glassM)} m now (residents of the building included) and close the roads`,
    },
  ];
  if (c.targets.length > 0) {
    out.push({
      zh: `通知${list(c.targets, 'zh')}立即组织人员转移`,
      en: `Tell ${list(c.targets, 'en')} to move people out now`,
    });
  }
  if (c.lpg && c.fireballM !== null) {
    out.push({
      zh: `瓶组如受火：在 ${Math.round(c.fireballM * 2)} 米外用水雾冷却气瓶，防止沸腾液体扩展蒸气爆炸（BLEVE）`,
      en: `If fire reaches the cylinders: cool them with water spray from beyond ${Math.round(c.fireballM * 2)} m to prevent a BLEVE`,
    });
  }
  return out;
}

/** Actions for a flammable-gas warning, strongest first. */
export function gasActions(tier: Tier, c: ActionContext): Statement[] {
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

/** What the shop does with an alarm that does not become a warning. */
export function shopCheck(sensorId: string, why: 'spike' | 'drift' | 'low' | 'expired'): Statement[] {
  switch (why) {
    case 'spike':
      return [
        {
          zh: `店内人员现场确认有无燃气味、灶具是否熄火；排查 ${sensorId} 附近的干扰源（料酒/白酒挥发、喷雾剂、清洁剂、油烟蒸汽）`,
          en: `Staff to check on site for a gas smell and flame-outs, and for interference near ${sensorId} (cooking wine or spirits, sprays, cleaners, fumes and steam)`,
        },
        {
          zh: '如探测器装在灶台正上方或排烟罩内，按 GB 50028 要求（天然气距顶棚 ≤ 0.3 m，液化气距地面 ≤ 0.3 m，距灶具水平 ≤ 8 m / ≤ 4 m）调整位置',
          en: 'If the detector sits right above the range or in the hood, move it as GB 50028 asks (natural gas ≤ 0.3 m below the ceiling, LPG ≤ 0.3 m above the floor; ≤ 8 m / ≤ 4 m from the appliance)',
        },
      ];
    case 'drift':
      return [
        {
          zh: `对 ${sensorId} 进行零点/量程标定，超期或受油烟污染的探测器予以更换（CJJ/T 146：商业用户探测器使用寿命 3 年）`,
          en: `Calibrate zero and span of ${sensorId}; replace it if it is past its life or fouled by cooking fumes (CJJ/T 146: 3 years for commercial users)`,
        },
        {
          zh: '标定前用便携式检测仪现场复测，排除缓慢渗漏',
          en: 'Before calibrating, re-measure on site with a portable detector to rule out a slow seep',
        },
      ];
    case 'expired':
      return [
        {
          zh: `${sensorId} 已超过使用寿命，尽快更换（CJJ/T 146）`,
          en: `${sensorId} is past its service life: replace it soon (CJJ/T 146)`,
        },
      ];
    case 'low':
      return [
        {
          zh: `店内人员现场确认 ${sensorId} 附近有无燃气味`,
          en: `Staff to check for a gas smell near ${sensorId}`,
        },
      ];
  }
}
