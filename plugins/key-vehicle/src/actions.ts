/**
 * Recommended actions for the driver, the operator's monitoring desk and the authorities, strongest
 * first, from the factors found (pure).
 */
import type { AffectedTarget, I18n, Tier } from '@fenghuo/sdk';
import type { VehicleKind } from './definition.js';
import type { Factor } from './likelihood.js';

export function actionsFor(
  kind: VehicleKind,
  factors: Factor[],
  targets: AffectedTarget[],
  tier: Tier,
): I18n[] {
  const has = (k: Factor['key']) => factors.some((f) => f.key === k && f.level >= 1);
  const out: I18n[] = [];
  if (tier === 'red' || tier === 'orange')
    out.push({
      zh: '运输企业监控员立即电话联系驾驶员并全程盯控，通报属地公安交管与交通运输部门，必要时就近拦截',
      en: "The operator's monitoring desk phones the driver at once and tracks the vehicle; notify the local traffic police and transport authority and stop the vehicle nearby if needed",
    });
  if (has('tyre'))
    out.push({
      zh: '立即减速、开启危险报警闪光灯，在安全处靠边停车检查轮胎，禁止继续行驶',
      en: 'Slow down, switch on the hazard lights, pull over where safe and check the tyres; do not drive on',
    });
  if (has('overspeed'))
    out.push({
      zh: '通过车载终端语音提醒驾驶员立即减速至限速以下',
      en: 'Tell the driver through the in-vehicle terminal to slow below the limit at once',
    });
  if (has('fatigue') || has('daily') || has('dsm'))
    out.push({
      zh: '责令驾驶员在最近的服务区或安全地点停车休息不少于 20 分钟，或由随车驾驶员换驾',
      en: 'Order the driver to stop at the nearest service area or safe place for at least 20 min, or hand over to the relief driver',
    });
  if (has('curfew'))
    out.push({
      zh: '客车凌晨 2–5 时应停车休息或实行接驳运输：引导车辆就近进入服务区停驶',
      en: 'Between 02:00 and 05:00 the coach must stop or relay drivers: direct it into the nearest service area',
    });
  if (kind === 'hazmat_truck' && targets.length > 0)
    out.push({
      zh: `通知 ${targets.map((t) => t.name.zh).join('、')} 做好防范；引导车辆按核定路线低速通过、远离防护目标，禁止在其附近停车`,
      en: `Alert ${targets.map((t) => t.name.en).join(', ')}; guide the truck along its approved route at low speed away from them and forbid stopping nearby`,
    });
  if (kind === 'coach' || kind === 'school_bus')
    out.push({
      zh: '提醒乘客系好安全带；记录本次违规并纳入驾驶员与企业考核',
      en: 'Remind passengers to fasten seat belts; record the violation against the driver and the operator',
    });
  else
    out.push({
      zh: '记录本次违规并纳入驾驶员与企业考核',
      en: 'Record the violation against the driver and the operator',
    });
  return out;
}
