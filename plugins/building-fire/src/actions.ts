/**
 * Recommended actions, strongest first. Fire actions are cumulative by tier and follow the fire control
 * room duties of GB 25201-2010 (confirm an alarm at once by the fastest means; on a confirmed fire switch
 * linkage to automatic, call 119, start the emergency plan) and GB 50116 linkage (smoke control, fire
 * pumps, lifts, non-fire power); electrical actions follow GB 14287 practice (find and clear the leaking
 * branch, de-energise before repair).
 */
import type { I18n, Statement, Tier } from '@fenghuo/sdk';
import type { ImpairmentKind } from './capacity.js';

export interface FireActionContext {
  building: I18n;
  fireFloor: I18n;
  floorsAtRisk: I18n;
  vulnerable: boolean;
  ebike: boolean;
  electrical: boolean;
  impairments: ImpairmentKind[];
  targets: I18n[];
}

const list = (xs: I18n[], lang: 'zh' | 'en') => xs.map((x) => x[lang]).join(lang === 'zh' ? '、' : ', ');

/** What the owner does with one detector's alarm (no warning, or blue). */
export function confirmAlarm(c: Pick<FireActionContext, 'building' | 'fireFloor'>): Statement[] {
  return [
    {
      zh: `消防控制室值班人员立即（3 分钟内）到${c.building.zh}${c.fireFloor.zh}现场确认火警；确认为火灾立即拨打 119 并将联动控制转入自动`,
      en: `Fire control room staff confirm the alarm on site at ${c.building.en}, ${c.fireFloor.en}, at once (within 3 min); if it is a fire, call 119 and switch linkage to automatic`,
    },
    {
      zh: '如为误报（油烟、水汽、粉尘、施工），记录原因并复位探测器',
      en: 'If it is false (cooking fumes, steam, dust, works), record the cause and reset the detector',
    },
  ];
}

function yellow(c: FireActionContext): Statement[] {
  return [
    {
      zh: `微型消防站携灭火器材赶赴${c.fireFloor.zh}处置初起火灾，联动控制转入自动状态`,
      en: `The on-site fire team goes to ${c.fireFloor.en} with extinguishers to fight an incipient fire; switch linkage to automatic`,
    },
    {
      zh: `通知${c.floorsAtRisk.zh}人员做好疏散准备，通报 119 指挥中心`,
      en: `Tell people on ${c.floorsAtRisk.en} to get ready to leave; inform the 119 centre`,
    },
  ];
}

function orange(c: FireActionContext): Statement[] {
  return [
    { zh: '立即拨打 119 报警，消防救援队伍出动', en: 'Call 119 now; fire and rescue turn out' },
    {
      zh: `立即疏散${c.floorsAtRisk.zh}人员，经防烟楼梯间撤离，严禁乘坐普通电梯`,
      en: `Evacuate ${c.floorsAtRisk.en} now by the smoke-proof stairs; nobody uses the ordinary lifts`,
    },
    {
      zh: '启动防烟排烟系统（楼梯间加压送风、排烟）和消防水泵，电梯迫降首层，切断着火区域非消防电源',
      en: 'Start smoke control (stair pressurisation, smoke exhaust) and the fire pumps, send the lifts to the ground floor, cut non-fire power in the fire area',
    },
  ];
}

function red(c: FireActionContext): Statement[] {
  const out: Statement[] = [
    {
      zh: `启动${c.building.zh}灭火和应急疏散预案，全楼广播疏散，报告属地政府和应急管理部门`,
      en: `Activate the fire and evacuation plan of ${c.building.en}, broadcast a whole-building evacuation, report to the local government and emergency management bureau`,
    },
    {
      zh: '公安交警开辟消防车通道，清理消防车登高操作场地',
      en: 'Traffic police clear the access for fire engines and the aerial appliance hardstanding',
    },
  ];
  if (c.vulnerable)
    out.push({
      zh: '优先转移行动不便人员（病患、老人、儿童），安排专人逐层搜寻',
      en: 'Move people who cannot walk out first (patients, the elderly, children); search floor by floor',
    });
  if (c.targets.length > 0)
    out.push({
      zh: `通知周边${list(c.targets, 'zh')}关闭门窗、做好防烟和疏散准备`,
      en: `Tell ${list(c.targets, 'en')} nearby to close doors and windows and be ready to leave`,
    });
  return out;
}

/** Fire actions for a tier, strongest first, plus what the cause and the impairments call for. */
export function fireActions(tier: Tier | null, c: FireActionContext): Statement[] {
  let out: Statement[];
  switch (tier) {
    case 'red':
      out = [...red(c), ...orange(c), ...yellow(c)];
      break;
    case 'orange':
      out = [...orange(c), ...yellow(c)];
      break;
    case 'yellow':
      out = yellow(c);
      break;
    case 'blue':
    case null:
      out = confirmAlarm(c);
      break;
  }
  if (c.ebike)
    out.push({
      zh: '电动自行车锂电池火灾：切断充电电源，不得挪动起火车辆，大量用水持续冷却防止复燃，注意有毒烟气',
      en: 'E-bike lithium battery fire: cut the charging power, do not move the burning bike, cool with plenty of water to stop re-ignition, beware of toxic smoke',
    });
  if (c.electrical)
    out.push({
      zh: '疑似电气起火：切断相关回路电源（保留消防电源），使用干粉或二氧化碳灭火器，严禁带电用水扑救',
      en: 'Likely electrical: cut the circuit (keep fire-safety power), use powder or CO2 extinguishers, no water on live equipment',
    });
  out.push(...impairmentActions(c.impairments));
  return out;
}

/** What restores an impaired fire protection. */
export function impairmentActions(kinds: readonly ImpairmentKind[]): Statement[] {
  const out: Statement[] = [];
  const has = (k: ImpairmentKind) => kinds.includes(k);
  if (has('water_pressure') || has('water_tank'))
    out.push({
      zh: '消防供水不足：检查消防水泵、稳压泵和管网阀门，手动启泵；调派水罐车增援，119 出动时告知供水情况',
      en: 'Fire water is short: check the fire and jockey pumps and the valves, start the pumps by hand; send water tenders, and tell 119 about the water supply when it turns out',
    });
  if (has('panel_fault') || has('panel_offline') || has('panel_isolate'))
    out.push({
      zh: '火灾报警系统失效：安排专人逐层巡查直至修复，恢复被屏蔽的探测器，维保单位 24 小时内到场修复',
      en: 'Fire alarm system impaired: patrol floor by floor until it is repaired, restore isolated detectors, the maintenance contractor repairs it within 24 h',
    });
  return out;
}

/** Electrical-fire early warning actions by tier (null: the owner checks a first exceedance). */
export function electricalActions(tier: Tier | null, circuit: I18n, building: I18n): Statement[] {
  const check: Statement = {
    zh: `电工排查${building.zh}${circuit.zh}：逐支路测量剩余电流和绝缘电阻，检查受潮、破损和接头松动`,
    en: `Electrician checks ${circuit.en} at ${building.en}: measure residual current and insulation resistance branch by branch, look for damp, damage and loose joints`,
  };
  switch (tier) {
    case null:
      return [check];
    case 'blue':
      return [check, { zh: '24 小时内完成整改并复测', en: 'Repair and re-measure within 24 h' }];
    case 'yellow':
      return [
        check,
        {
          zh: '当班内用红外热像仪检查配电箱和线缆接头，降低回路负荷',
          en: 'Within the shift, scan the distribution board and joints with a thermal camera and reduce the load',
        },
      ];
    case 'orange':
      return [
        {
          zh: `通知用户后切断${circuit.zh}电源（保留消防及应急电源），修复前不得恢复供电`,
          en: `Tell the users, then de-energise ${circuit.en} (keep fire and emergency power); do not re-energise before it is repaired`,
        },
        check,
      ];
    case 'red':
      return [
        {
          zh: `立即切断${circuit.zh}电源（保留消防及应急电源）`,
          en: `De-energise ${circuit.en} now (keep fire and emergency power)`,
        },
        {
          zh: '沿线缆路径安排人员携灭火器值守，通知消防控制室关注该区域探测器',
          en: 'Post someone with an extinguisher along the cable route and tell the fire control room to watch the detectors there',
        },
        check,
      ];
  }
}
