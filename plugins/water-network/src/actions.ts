/**
 * Recommended actions, cumulative by tier and strongest first. Guideline §4(2)4: the alarm goes to the
 * owner unit and the road maintenance unit at once; CJJ 207-2013 (operation, maintenance and safety of
 * city water networks) and common practice for bursts and road voids: isolate, cordon, detect, repair.
 */
import type { I18n, Tier } from '@fenghuo/sdk';

export interface ActionInput {
  /** `burst`: a main has burst; `leak`: a hidden leak in a DMA; `void`: wet soil over a pipe; `sewer`: surcharged sewer. */
  kind: 'burst' | 'leak' | 'void' | 'sewer';
  /** Where: the located section or the zone's centre. */
  where: I18n;
  main: I18n | null;
  radiusM: number;
  gasMains: I18n[];
  targets: I18n[];
}

const join = (xs: I18n[], lang: 'zh' | 'en') => xs.map((x) => x[lang]).join(lang === 'zh' ? '、' : ', ');

export function actionsFor(tier: Tier, a: ActionInput): I18n[] {
  const out: I18n[] = [];
  const r = Math.round(a.radiusM);
  const main = a.main ?? { zh: '该管段', en: 'the main' };
  // Red first, then orange, yellow, blue: each tier adds its own steps in front of the lower ones.
  if (tier === 'red') {
    out.push({
      zh: `启动供水/道路塌陷应急预案并报告城市安全风险综合监测平台；立即封闭 ${a.where.zh} 周边 ${r} 米道路，禁止车辆和行人通行`,
      en: `Activate the water-burst / road-collapse emergency plan and report to the city platform; close the roads within ${r} m of ${a.where.en} to vehicles and people now`,
    });
    if (a.targets.length > 0) {
      out.push({
        zh: `通知 ${join(a.targets, 'zh')} 疏散临路人员`,
        en: `Tell ${join(a.targets, 'en')} to move people away from the road side`,
      });
    }
  }
  if (tier === 'red' || tier === 'orange') {
    if (a.kind === 'burst' || a.kind === 'leak') {
      out.push({
        zh: `关闭${main.zh}漏点上下游阀门隔离管段，安排临时供水`,
        en: `Close the valves either side of the leak on ${main.en} to isolate the section; arrange temporary supply`,
      });
    }
    if (a.gasMains.length > 0) {
      out.push({
        zh: `通知燃气权属单位：${join(a.gasMains, 'zh')} 位于塌陷风险区，派员检测甲烷、必要时关阀`,
        en: `Tell the gas owner: ${join(a.gasMains, 'en')} lies in the collapse zone; send a crew to test for methane and close valves if needed`,
      });
    }
    out.push({
      zh: `道路养护单位设置围挡并用探地雷达（GPR）探测 ${r} 米范围内空洞`,
      en: `Road maintenance to fence the area and survey for voids with ground-penetrating radar within ${r} m`,
    });
  }
  if (tier !== 'blue') {
    out.push({
      zh: `权属单位组织抢修队伍到场，对 ${a.where.zh} 开展听漏/相关仪定位确认漏点`,
      en: `Owner to send the repair crew and confirm the leak at ${a.where.en} with listening sticks / a leak-noise correlator`,
    });
    out.push({
      zh: '禁止重型车辆在风险区停放或通行，路面出现沉陷、裂缝、冒水立即上报',
      en: 'Keep heavy vehicles off the zone; report any settlement, cracking or water at the surface at once',
    });
  }
  switch (a.kind) {
    case 'burst':
      out.push({
        zh: '调度中心核对分区进水流量与泵站工况，加密压力监测频率',
        en: 'Control room to check the district inflow and pump operation; raise the pressure sampling rate',
      });
      break;
    case 'leak':
      out.push({
        zh: '夜间在分区内做阶梯关阀测试（step test）并布设噪声记录仪，缩小漏点范围',
        en: 'Run a night step test in the DMA and deploy noise loggers to narrow down the leak',
      });
      break;
    case 'void':
      out.push({
        zh: '复测土壤含水率，核查附近供排水管线是否渗漏，记录降雨情况',
        en: 'Re-measure soil moisture, check the nearby water and sewer pipes for leakage, record rainfall',
      });
      break;
    case 'sewer':
      out.push({
        zh: '排查下游堵塞或泵站故障，必要时临时抽排，检查井盖是否牢固',
        en: 'Look for a downstream blockage or pump failure, pump out if needed, check the manhole covers are secure',
      });
      break;
  }
  out.push({
    zh: '权属单位与道路养护单位共同巡查，处置结果反馈平台',
    en: 'Owner and road maintenance unit to patrol together and report the outcome to the platform',
  });
  return out;
}
