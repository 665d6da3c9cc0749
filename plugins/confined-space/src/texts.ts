/**
 * Findings, actions and template values in Chinese and English, from an assessment. Pure: everything it
 * says comes from its arguments.
 */
import type { I18n, Statement } from '@fenghuo/sdk';
import type { Assessment, Hazard, Raise } from './assess.js';
import type { CsConfig, GasMetric } from './definition.js';
import { LEVEL_TEXT, levelAt, tierAt } from './levels.js';
import type { GasReading } from './site.js';
import { fmt, lelToPctVol, MOLAR_MASS, mgToPpm, o2Effect } from './units.js';

type TextConfig = Pick<CsConfig, 'molarVolumeL' | 'exposureLimits'>;

const levelText = (idx: number): I18n => {
  const l = levelAt(idx);
  return l ? LEVEL_TEXT[l] : { zh: '正常', en: 'normal' };
};

/** One gas reading in words, with its limit and (for the toxics) ppm. */
export function describeGas(g: GasReading, cfg: TextConfig): I18n {
  const v = fmt(g.value);
  const lvl = levelText(g.levelIdx);
  const at = g.levelIdx >= 0 ? { zh: `，达到${lvl.zh}级`, en: `, at ${lvl.en} level` } : { zh: '', en: '' };
  switch (g.metric) {
    case 'o2': {
      const e = o2Effect(g.value);
      return {
        zh: `氧气 ${v} %vol（缺氧报警值 19.5 %vol；生理影响：${e.zh}）${at.zh}`,
        en: `oxygen ${v} %vol (low-oxygen alarm value 19.5 %vol; effect: ${e.en})${at.en}`,
      };
    }
    case 'o2_high':
      return {
        zh: `氧气 ${v} %vol（高于 23.5 %vol 即为富氧，可燃物极易点燃）${at.zh}`,
        en: `oxygen ${v} %vol (above 23.5 %vol is enriched; materials ignite easily)${at.en}`,
      };
    case 'ch4':
      return {
        zh: `甲烷 ${v} %LEL（约 ${fmt(lelToPctVol(g.value))} %vol，报警值 10 %LEL）${at.zh}`,
        en: `methane ${v} %LEL (about ${fmt(lelToPctVol(g.value))} %vol; alarm value 10 %LEL)${at.en}`,
      };
    case 'co': {
      const ppm = fmt(mgToPpm(g.value, MOLAR_MASS.co, cfg.molarVolumeL));
      const r = fmt(g.value / cfg.exposureLimits.coPcStel);
      return {
        zh: `一氧化碳 ${v} mg/m³（约 ${ppm} ppm），为 PC-STEL ${cfg.exposureLimits.coPcStel} mg/m³ 的 ${r} 倍${at.zh}`,
        en: `carbon monoxide ${v} mg/m³ (about ${ppm} ppm), ${r} × the PC-STEL of ${cfg.exposureLimits.coPcStel} mg/m³${at.en}`,
      };
    }
    case 'h2s': {
      const ppm = fmt(mgToPpm(g.value, MOLAR_MASS.h2s, cfg.molarVolumeL));
      const r = fmt(g.value / cfg.exposureLimits.h2sMac);
      return {
        zh: `硫化氢 ${v} mg/m³（约 ${ppm} ppm），为 MAC ${cfg.exposureLimits.h2sMac} mg/m³ 的 ${r} 倍${at.zh}`,
        en: `hydrogen sulphide ${v} mg/m³ (about ${ppm} ppm), ${r} × the MAC of ${cfg.exposureLimits.h2sMac} mg/m³${at.en}`,
      };
    }
  }
}

export const HAZARD_NAME: Record<Hazard, I18n> = {
  o2: { zh: '缺氧', en: 'oxygen deficiency' },
  o2_high: { zh: '富氧', en: 'oxygen enrichment' },
  ch4: { zh: '可燃气超限', en: 'flammable gas' },
  co: { zh: '一氧化碳超限', en: 'carbon monoxide' },
  h2s: { zh: '硫化氢超限', en: 'hydrogen sulphide' },
  additive: { zh: '有毒气体联合超限', en: 'combined toxic gases' },
  unauthorised: { zh: '未经审批开启或进入', en: 'unauthorised opening or entry' },
  guard: { zh: '监护人员离岗', en: 'attendant off post' },
  ppe: { zh: '未佩戴防护用品', en: 'protective equipment not worn' },
  overtime: { zh: '作业超时', en: 'overtime work' },
};

export function peopleText(a: Assessment): I18n {
  const o = a.occupancy;
  switch (o.basis) {
    case 'headcount':
      return o.occupied
        ? { zh: `空间内有 ${o.count} 人`, en: `${o.count} person(s) inside` }
        : { zh: '空间内无人', en: 'nobody inside' };
    case 'work':
      return {
        zh: '作业进行中（无人数数据，按有人计）',
        en: 'work in progress (no headcount; counted as people inside)',
      };
    case 'door':
      return {
        zh: '门体/井盖开启且无人数数据，按可能有人计',
        en: 'door or cover open and no headcount; people presumed inside',
      };
    case 'none':
      return { zh: '未报告有人作业', en: 'no one reported inside' };
  }
}

export function permitText(a: Assessment, permit: number | null): I18n {
  if (permit === null)
    return a.permitMissing
      ? { zh: '未报告审批状态（按未审批计）', en: 'no permit state reported (counted as not approved)' }
      : { zh: '未报告审批状态', en: 'no permit state reported' };
  return permit >= 0.5
    ? { zh: '审批有效', en: 'approved permit in force' }
    : { zh: '无有效审批', en: 'no approved permit' };
}

export function guardText(a: Assessment, guardOff: number | null): I18n {
  if (guardOff === null) return { zh: '未报告监护状态', en: 'attendant state not reported' };
  if (guardOff >= 0.5)
    return a.occupancy.occupied
      ? { zh: '监护人员离岗', en: 'attendant off post' }
      : { zh: '监护岗位无人（空间内无人）', en: 'attendant post empty (nobody inside)' };
  return { zh: '监护人员在岗', en: 'attendant on post' };
}

const RAISE_TEXT: Record<Raise, I18n> = {
  people: { zh: '有人在有限空间内，升一级', en: 'people inside the space: one tier up' },
  unsafe: {
    zh: '人员处于气体报警环境中且无有效审批或无人监护，升一级',
    en: 'people inside a gas alarm without an approved permit or an attendant: one tier up',
  },
  multi: { zh: '两种及以上气体同时超限，升一级', en: 'two or more gases out of limits at once: one tier up' },
};

export function raiseText(r: Raise): I18n {
  return RAISE_TEXT[r];
}

/** The concluding finding: the tier and how it was reached. */
export function conclusion(a: Assessment): Statement {
  const t = tierAt(a.index);
  if (!t)
    return {
      zh: '结论：仅报警权属单位和作业单位，不发布预警',
      en: 'Conclusion: an alarm to the owner and the work unit only; no warning',
    };
  const base = levelText(a.base);
  const main = a.main ? HAZARD_NAME[a.main] : { zh: '', en: '' };
  const plus =
    a.raises.length > 0
      ? { zh: ` + ${a.raises.length} 级`, en: ` + ${a.raises.length}` }
      : { zh: '', en: '' };
  return {
    zh: `结论：${LEVEL_TEXT[t].zh}预警（${main.zh}，基础级别 ${base.zh}${plus.zh}）`,
    en: `Conclusion: ${LEVEL_TEXT[t].en} warning (${main.en}, base level ${base.en}${plus.en})`,
  };
}

const GAS_ACTION: Record<GasMetric, I18n> = {
  o2: {
    zh: '持续机械送风至氧含量回到 19.5–23.5 %vol；严禁用纯氧通风',
    en: 'ventilate mechanically until oxygen is back within 19.5–23.5 %vol; never ventilate with pure oxygen',
  },
  o2_high: {
    zh: '查找富氧来源（氧气瓶/氧气管泄漏、用纯氧通风），停止动火和一切点火源，通风至 23.5 %vol 以下',
    en: 'find the oxygen source (a leaking cylinder or hose, ventilation with oxygen), stop hot work and all ignition sources, ventilate below 23.5 %vol',
  },
  ch4: {
    zh: '禁止一切点火源（明火、吸烟、烟花爆竹、非防爆电器），只用防爆工具和设备，持续通风',
    en: 'no ignition sources (flames, smoking, fireworks, non-explosion-proof equipment); explosion-proof tools only; keep ventilating',
  },
  co: {
    zh: '查找一氧化碳来源：空间内或井口附近的发电机、汽油机泵和燃油设备，移到下风向远处并持续通风',
    en: 'find the CO source: generators, petrol pumps and fuel-burning equipment in or near the opening; move them far downwind and keep ventilating',
  },
  h2s: {
    zh: '暂停清淤、搅动和抽排（搅动底泥会骤然释放硫化氢），持续机械通风',
    en: 'stop dredging, stirring and pumping (disturbed sludge releases hydrogen sulphide suddenly); keep ventilating mechanically',
  },
};

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * The work unit's name per language from the `workUnit` attribute. Inventories write it bilingual,
 * "中文名 / English name"; printing that whole string would put Chinese into the English texts. A name
 * in one language only is used as it is where it fits, and the English texts otherwise say "the
 * registered work unit" rather than print Chinese.
 */
export function workUnitName(attr: unknown): I18n {
  if (typeof attr !== 'string' || attr.trim().length === 0)
    return { zh: '当班作业单位', en: 'the unit on site' };
  const s = attr.trim();
  const cut = s.indexOf(' / ');
  const zh = cut > 0 ? s.slice(0, cut).trim() : s;
  const en = cut > 0 ? s.slice(cut + 3).trim() : s;
  return { zh: zh || s, en: en && !CJK.test(en) ? en : 'the registered work unit' };
}

export interface ActionInput {
  a: Assessment;
  workUnit: I18n;
  surfaceHazard: boolean;
  radiusM: number;
}

/** Recommended actions, strongest first. */
export function actionsFor({ a, workUnit, surfaceHazard, radiusM }: ActionInput): Statement[] {
  const out: Statement[] = [];
  const gasBad = a.gasIdx >= 1;
  const peopleIn = a.occupancy.occupied;
  if (peopleIn && (gasBad || a.unauthorised || a.index >= 2)) {
    out.push({
      zh: '立即停止作业，撤出有限空间内全部人员，清点人数',
      en: 'stop work at once, bring everyone out of the space and count them',
    });
  }
  if (peopleIn && gasBad) {
    out.push({
      zh: '严禁盲目施救：施救人员须佩戴正压式隔绝式呼吸器、系安全绳，使用三脚架等救援设备',
      en: 'no unprotected rescue: rescuers wear positive-pressure self-contained breathing apparatus and a lifeline, with a tripod or other rescue gear',
    });
    if (a.index >= 3)
      out.push({
        zh: '拨打 119、120，请专业救援力量到场待命',
        en: 'call 119 and 120 to have professional rescue stand by on site',
      });
  }
  // A gas at the owner-only alarm level in an empty space needs no more than "no entry until tested".
  for (const g of a.hazardous) if (g.levelIdx >= 1 || peopleIn) out.push(GAS_ACTION[g.metric]);
  if (a.additiveExceeded) out.push(GAS_ACTION.h2s, GAS_ACTION.co);
  if (surfaceHazard)
    out.push({
      zh: `在井口/入口周围 ${radiusM} 米设警戒，疏散行人，通知范围内防护目标`,
      en: `cordon off ${radiusM} m around the opening, move passers-by away and inform the protection targets inside`,
    });
  if (a.unauthorised)
    out.push({
      zh: '核实开启人员身份，责令未经审批人员撤出并关闭入口；补办审批并检测合格前不得进入',
      en: 'identify who opened it, order anyone without a permit out and close the opening; no entry until a permit is approved and the air tests good',
    });
  if (a.guardOff)
    out.push({
      zh: '监护人员立即返回岗位全程监护；不能返回时暂停作业、撤出人员',
      en: 'the attendant returns to post for the whole entry at once; otherwise suspend work and bring people out',
    });
  if (a.ppeMissing)
    out.push({
      zh: '责令佩戴呼吸防护用品和安全带、安全绳，未佩戴者撤出',
      en: 'order respiratory protection, harness and lifeline to be worn; anyone without them comes out',
    });
  if (a.overtimeIdx >= 0)
    out.push({
      zh: '作业超时：组织作业人员撤出轮换，复测气体后方可继续',
      en: 'overtime: bring the workers out to rotate; re-test the air before work resumes',
    });
  if (!peopleIn && (gasBad || a.gasIdx >= 0 || a.additiveExceeded))
    out.push({
      zh: '禁止进入；进入前先通风、再检测、后作业：氧气 19.5–23.5 %vol、可燃气 < 10 %LEL、CO < 30 mg/m³、H2S < 10 mg/m³，并经审批',
      en: 'no entry; ventilate, test, then work: oxygen 19.5–23.5 %vol, flammables < 10 %LEL, CO < 30 mg/m³, H2S < 10 mg/m³, with an approved permit',
    });
  out.push({
    zh: `通知权属单位和作业单位（${workUnit.zh}）到场处置并反馈`,
    en: `inform the owner unit and the work unit (${workUnit.en}) to act on site and report back`,
  });
  return dedupe(out);
}

function dedupe(list: Statement[]): Statement[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    if (seen.has(s.zh)) return false;
    seen.add(s.zh);
    return true;
  });
}
