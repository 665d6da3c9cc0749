/**
 * 建筑火灾 — building fire, electrical fire included (guideline §3 type 8, §4(2)8).
 *
 * Monitors smoke, heat and flame detectors, electrical-fire monitors (residual current, cable temperature,
 * arc faults), fire-water pressure and reserve, and the fire alarm control panel of high-rises, crowded
 * places, small venues and e-bike charging places. On an alarm it confirms a fire from several detectors
 * of the same building within a time window (one detector stays an alarm for the owner to confirm), lets
 * impaired fire water or alarm systems lower the building's capacity and raise the tier, estimates the
 * floors at risk from smoke (stack effect), judges an electrical cause, and warns early on the electrical
 * signs alone. See README.md for every rule and its source.
 */
import { type AlarmEvent, type AnalysisContext, defineRiskType } from '@fenghuo/sdk';
import { buildingInfo, buildingSensors, fireSignals, type Member, Objects, placeOf } from './building.js';
import { config, defaults, type FireConfig } from './config.js';
import { metrics, objects, PANEL, thresholds } from './definition.js';
import { analyseElectrical } from './electric.js';
import { analyseFacility } from './facility.js';
import { analyseFire, type FireScene } from './fire.js';

async function sceneOf(
  event: AlarmEvent,
  ctx: AnalysisContext,
  objs: Objects,
  cfg: FireConfig,
): Promise<FireScene> {
  const p = placeOf(event.object);
  const self: Member = {
    sensor: event.sensor,
    obj: event.object,
    place: { buildingId: p.buildingId, floor: p.floor, zone: p.zone },
  };
  const bObj =
    p.buildingId === event.object.id ? event.object : ((await objs.get(p.buildingId)) ?? event.object);
  const members = await buildingSensors(ctx, objs, self, p.buildingId, cfg);
  const ev = { sensorId: event.sensor.id, metric: event.metric, t: Date.parse(event.ts), value: event.value };
  return { event, ev, self, building: buildingInfo(bObj, cfg), members };
}

export default defineRiskType({
  id: 'building-fire',
  version: '1.0.0',
  domain: 'public',
  name: { zh: '建筑火灾', en: 'Building fire (incl. electrical fire)' },
  description: {
    zh: '监测感烟、感温、火焰探测器，剩余电流、线缆温度、故障电弧，消防水压与水位及火灾报警控制器状态；报警后多探测器确认火灾，消防设施失效时升级预警，估算烟气蔓延楼层并研判起火原因，电气异常单独早期预警',
    en: 'Smoke, heat and flame detectors, residual current, cable temperature and arc faults, fire-water pressure and level, and the fire alarm panel; on an alarm, confirms a fire from several detectors, raises the tier when fire protection is impaired, estimates the floors at risk from smoke, judges the cause, and warns early on electrical signs alone',
  },
  objects,
  metrics,
  thresholds,
  config,
  defaults,
  async analyze(event, ctx, cfg) {
    const objs = new Objects(ctx);
    const scene = await sceneOf(event, ctx, objs, cfg);
    switch (event.metric) {
      case 'smoke':
      case 'flame':
      case 'heat':
        return analyseFire(ctx, scene, cfg);
      case 'residual_current':
      case 'cable_temp':
      case 'arc_fault':
        return analyseElectrical(ctx, scene, cfg);
      case 'panel_status':
        return Math.round(event.value) === PANEL.fire
          ? analyseFire(ctx, scene, cfg)
          : analyseFacility(ctx, scene, cfg);
      case 'fire_water_pressure':
      case 'fire_tank_level': {
        // During a fire the pressure falls because water is flowing: that is the fire's analysis.
        const signals = await fireSignals(ctx, scene.members, scene.ev, cfg);
        return signals.some((s) => !s.chatter)
          ? analyseFire(ctx, scene, cfg)
          : analyseFacility(ctx, scene, cfg);
      }
    }
  },
  warning: {
    title: {
      zh: '{{buildingZh}}{{headlineZh}}{{tierZh}}',
      en: '{{tierEn}}: {{headlineEn}} at {{buildingEn}}',
    },
    body: {
      zh: '{{buildingZh}}{{placeZh}}{{metric}} {{value}} {{unit}}（{{time}}）。{{summaryZh}}。受影响：{{affectedZh}}。消防设施状况：{{impairmentsZh}}。周边防护目标：{{targetsZh}}。',
      en: '{{metricEn}} {{value}} {{unit}} at {{buildingEn}}, {{placeEn}} at {{time}} ({{utcOffset}}). {{summaryEn}}. Affected: {{affectedEn}}. Fire protection: {{impairmentsEn}}. Protection targets around: {{targetsEn}}.',
    },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});
