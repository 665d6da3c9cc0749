/**
 * The electrical-fire early-warning analysis of one circuit: residual current, cable temperature and arc
 * faults read over the last 24 h, assessed by `assessCircuit`, and fire detectors alarming on the same
 * floor (the leak may already have started a fire).
 */
import type { AnalysisContext, AnalysisResult, Statement } from '@fenghuo/sdk';
import { electricalActions } from './actions.js';
import { fireSignals, series } from './building.js';
import { asTier, HOUR, levelOf, num, round1, tierAt, tierIndex } from './common.js';
import type { FireConfig } from './config.js';
import { correlated } from './detection.js';
import { assessCircuit, type CircuitState, episodes } from './electrical.js';
import { type FireScene, floorName, placeName } from './fire.js';

export async function analyseElectrical(
  ctx: AnalysisContext,
  scene: FireScene,
  cfg: FireConfig,
): Promise<AnalysisResult> {
  const { ev, self, building: b } = scene;
  const circuit = self.obj;
  const on = scene.members.filter((m) => m.obj.id === circuit.id);
  const from = ev.t - 24 * HOUR;
  const state: CircuitState = {
    leakTier: null,
    leakmA: null,
    leak: null,
    cableTier: null,
    cableRatio: null,
    arcs: 0,
  };
  const findings: Statement[] = [];
  for (const m of on) {
    if (m.sensor.metrics.includes('residual_current') && state.leakmA === null) {
      const s = await series(ctx, m.sensor.id, 'residual_current', from, ev.t, ev);
      const limits = await ctx.thresholds(m.sensor.id, 'residual_current');
      const last = s[s.length - 1];
      if (last && limits.blue !== undefined) {
        state.leakmA = last.v;
        state.leakTier = asTier(levelOf(last.v, limits, 'rising'));
        state.leak = episodes(s, limits.blue);
        if (state.leakTier !== null)
          findings.push({
            zh: `剩余电流 ${Math.round(last.v)} mA，超过${state.leakTier === 'blue' ? '' : '分级'}限值 ${limits[state.leakTier]} mA（GB 50116-2013 9.2.3：报警设定 300–500 mA，正常泄漏 100–200 mA）；24 小时内超限 ${state.leak.count} 次`,
            en: `Residual current ${Math.round(last.v)} mA, above the ${limits[state.leakTier]} mA limit (GB 50116-2013 9.2.3: set 300–500 mA, natural leakage 100–200 mA); ${state.leak.count} exceedance(s) in 24 h`,
          });
      }
    }
    if (m.sensor.metrics.includes('cable_temp') && state.cableRatio === null) {
      const s = await series(ctx, m.sensor.id, 'cable_temp', from, ev.t, ev);
      const limits = await ctx.thresholds(m.sensor.id, 'cable_temp');
      const tmax = num(circuit.attributes['cableMaxTempC']);
      const last = s[s.length - 1];
      if (last && tmax !== null) {
        state.cableRatio = last.v / tmax;
        state.cableTier = asTier(levelOf(last.v, limits, 'rising'));
        if (state.cableTier !== null)
          findings.push({
            zh: `线缆温度 ${round1(last.v)} °C，为绝缘长期允许温度 ${tmax} °C 的 ${Math.round(state.cableRatio * 100)}%（GB 50116 9.3：70–80% 报警）`,
            en: `Cable temperature ${round1(last.v)} °C, ${Math.round(state.cableRatio * 100)} % of the insulation's ${tmax} °C maximum (GB 50116 9.3: alarm at 70–80 %)`,
          });
      }
    }
    if (m.sensor.metrics.includes('arc_fault')) {
      const s = await series(ctx, m.sensor.id, 'arc_fault', from, ev.t, ev);
      state.arcs += episodes(s, 0.5).count;
    }
  }
  const el = assessCircuit(state, cfg);
  for (const r of el.rules) findings.push({ zh: `研判：${r.zh}`, en: `Judgement: ${r.en}` });
  let tier = el.tier;
  // Smoke or heat alarming on the circuit's floor: the fault may already be burning.
  const signals = (await fireSignals(ctx, scene.members, ev, cfg)).filter(
    (s) => !s.chatter && s.kind !== 'panel' && correlated(s.place, self.place, cfg),
  );
  let burning: Statement | null = null;
  if (signals.length > 0) {
    tier = tierAt(Math.max(tierIndex(tier) + 1, tierIndex('yellow')));
    // The electrical judgement alone may have said "no warning yet"; the detectors override it.
    burning = {
      zh: `同层 ${signals.length} 个火灾探测器正在报警：电气故障可能已引发火灾${el.tier === null ? '，虽单看电气为短时超限，仍予预警' : ''}`,
      en: `${signals.length} fire detector(s) on the same floor are alarming: the electrical fault may already have started a fire${el.tier === null ? '; a warning although the electrical signs alone would not give one' : ''}`,
    };
    findings.push(burning);
  }
  const place = floorName(self.place.floor);
  const summary = burning ?? el.rules[el.rules.length - 1] ?? findings[0];
  return {
    tier,
    impact: b.obj.geometry,
    findings,
    actions: electricalActions(tier, circuit.name, b.obj.name),
    data: {
      buildingZh: b.obj.name.zh,
      buildingEn: b.obj.name.en,
      headlineZh: '电气火灾隐患',
      headlineEn: 'electrical fire hazard',
      placeZh: placeName(circuit, b.obj, null, 'zh'),
      placeEn: placeName(circuit, b.obj, null, 'en'),
      summaryZh: summary?.zh ?? '—',
      summaryEn: summary?.en ?? '—',
      impairmentsZh: '电气早期预警，未研判',
      impairmentsEn: 'not assessed for an electrical early warning',
      affectedZh: `${circuit.name.zh}供电区域及${place.zh}人员`,
      affectedEn: `the area ${circuit.name.en} supplies and the people on ${place.en}`,
      leakmA: state.leakmA === null ? '—' : Math.round(state.leakmA),
      cableRatioPct: state.cableRatio === null ? '—' : Math.round(state.cableRatio * 100),
      arcs: state.arcs,
    },
  };
}
