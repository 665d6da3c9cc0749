/**
 * Device alarms: a faulty shut-off valve, a detector that is faulty, offline or past its life. They go to
 * the owner as device alarms and never become a risk tier (catalogue `detector_state` rule).
 */
import type { AlarmEvent, AnalysisResult, Statement } from '@fenghuo/sdk';
import { DETECTOR, VALVE } from './definition.js';

export function analyseDevice(event: AlarmEvent): AnalysisResult {
  const code = Math.round(event.value);
  const name = event.object.name;
  const findings: Statement[] = [];
  const actions: Statement[] = [];
  if (event.metric === 'valve_state') {
    if (code === VALVE.fault) {
      findings.push({
        zh: `${name.zh}紧急切断阀报告故障：燃气泄漏时可能无法自动切断气源`,
        en: `The shut-off valve of ${name.en} reports a fault: it may not cut the supply on a leak`,
      });
      actions.push(
        { zh: '联系燃气企业或安装单位维修切断阀', en: 'Have the gas company or installer repair the valve' },
        {
          zh: '修复前每日收市关闭进户总阀；其间的燃气报警按"切断阀未关闭"至少黄色研判',
          en: 'Until repaired, close the inlet valve at closing time every day; gas alarms meanwhile are judged as "valve did not close" (at least yellow)',
        },
      );
    }
  } else {
    const what: Record<number, Statement> = {
      [DETECTOR.fault]: { zh: '故障', en: 'a fault' },
      [DETECTOR.offline]: { zh: '离线', en: 'offline' },
      [DETECTOR.expired]: { zh: '超过使用寿命', en: 'past its service life' },
    };
    const w = what[code] ?? { zh: `状态码 ${code}`, en: `state code ${code}` };
    findings.push({
      zh: `${event.sensor.id}（${name.zh}）探测器报告${w.zh}：该点燃气泄漏可能无法报警`,
      en: `Detector ${event.sensor.id} (${name.en}) reports ${w.en}: a leak there may go unalarmed`,
    });
    actions.push({
      zh: '店方联系维保单位检修或更换探测器（CJJ/T 146：商业用户探测器使用寿命 3 年）；修复前加强人工巡检',
      en: 'The shop has the detector repaired or replaced (CJJ/T 146: 3-year life for commercial users); check by hand until then',
    });
  }
  findings.push({
    zh: '设备报警，仅通知权属单位，不发布风险预警',
    en: 'A device alarm for the owner only: no risk warning',
  });
  return { tier: null, findings, actions };
}
