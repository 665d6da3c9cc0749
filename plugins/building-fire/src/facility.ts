/**
 * Fire-protection impairment with no fire: a fire main below its GB 50974 minimum, a pool or tank below
 * the fire reserve, an alarm panel in isolate, fault or offline. The owner's alarm stands; the tier
 * follows the catalogue (below the minimum ≥ 24 h blue, below half of it or the reserve gone yellow) and
 * goes up one when the building has another impairment at the same time (its capacity is lower still).
 */
import type { AnalysisContext, AnalysisResult, Statement, Tier } from '@fenghuo/sdk';
import { impairmentActions } from './actions.js';
import { protection } from './building.js';
import { joinI18n, round1, tierAt, tierIndex } from './common.js';
import type { FireConfig } from './config.js';
import { type FireScene, placeName } from './fire.js';

export async function analyseFacility(
  ctx: AnalysisContext,
  scene: FireScene,
  cfg: FireConfig,
): Promise<AnalysisResult> {
  const { ev, self, building: b } = scene;
  const prot = await protection(ctx, scene.members, ev, null, cfg);
  const own = prot.impairments.filter((i) => i.sensorId === self.sensor.id);
  const others = prot.impairments.filter((i) => i.sensorId !== self.sensor.id);
  const findings: Statement[] = [
    { zh: `${b.obj.name.zh}当前无火警信号`, en: `No fire signal in ${b.obj.name.en}` },
  ];
  let base: Tier | null = null;
  for (const i of own) {
    findings.push(i.text);
    if (i.kind === 'water_pressure')
      base = i.severe ? 'yellow' : tierAt(Math.max(tierIndex(base), tierIndex('blue')));
    else if (i.kind === 'water_tank') base = 'yellow';
  }
  for (const l of prot.lowFor.filter((x) => x.sensorId === self.sensor.id))
    findings.push({
      zh: `${l.object.zh}压力低于最低要求已 ${round1(l.hours)} 小时；持续 ${cfg.waterImpairedHours} 小时视为设施失效（蓝色）`,
      en: `${l.object.en}: pressure below the minimum for ${round1(l.hours)} h; after ${cfg.waterImpairedHours} h the facility counts as impaired (blue)`,
    });
  let tier = base;
  if (own.length > 0 && others.length > 0) {
    tier = tierAt(tierIndex(base) + 1);
    findings.push(...others.map((o) => o.text));
    findings.push({
      zh: '同一建筑多项消防设施同时失效，自防自救能力进一步下降，预警升级 1 级',
      en: 'More than one fire-protection system of the building is impaired at once: its capacity is lower still, the tier goes up by 1',
    });
  }
  const actions = impairmentActions([...own, ...others].map((i) => i.kind));
  if (actions.length === 0)
    actions.push({
      zh: `权属单位检查${self.obj.name.zh}并恢复正常`,
      en: `Owner to check ${self.obj.name.en} and restore it`,
    });
  return {
    tier,
    impact: b.obj.geometry,
    findings,
    actions,
    data: {
      buildingZh: b.obj.name.zh,
      buildingEn: b.obj.name.en,
      headlineZh: '消防设施失效',
      headlineEn: 'fire protection impaired',
      placeZh: placeName(self.obj, b.obj, null, 'zh'),
      placeEn: placeName(self.obj, b.obj, null, 'en'),
      summaryZh: own[0]?.text.zh ?? findings[findings.length - 1]!.zh,
      summaryEn: own[0]?.text.en ?? findings[findings.length - 1]!.en,
      affectedZh: '全楼人员（火灾时灭火和报警能力不足）',
      affectedEn: 'everyone in the building (less fire fighting and warning if a fire starts)',
      impairmentsZh:
        joinI18n(
          [...own, ...others].map((i) => i.text),
          'zh',
        ) || '无',
      impairmentsEn:
        joinI18n(
          [...own, ...others].map((i) => i.text),
          'en',
        ) || 'none',
    },
  };
}
