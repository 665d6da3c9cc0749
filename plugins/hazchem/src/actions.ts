/**
 * Recommended actions, strongest first, by the index that drives the state and the tier (cumulative: a
 * red warning carries the lower tiers' actions too). The wording follows hazardous-chemical practice:
 * GB 30077 (enterprise emergency equipment), AQ 3036 / 应急管理部 重大危险源 包保责任制 (the responsible
 * person on call), GB/T 50493 (detector alarms go to a manned console), the enterprise emergency plan.
 */
import type { I18n, Statement, Tier } from '@fenghuo/sdk';
import type { IndexKey } from './state.js';

export interface ActionContext {
  driver: IndexKey;
  tier: Tier;
  area: I18n;
  radiusM: number;
  targets: I18n[];
  toxic: boolean;
  flame: boolean;
  bypassed: I18n[];
  faults: I18n[];
}

const TIERS: Tier[] = ['blue', 'yellow', 'orange', 'red'];
const list = (xs: I18n[], lang: 'zh' | 'en') => xs.map((x) => x[lang]).join(lang === 'zh' ? '、' : ', ');

function byTier(c: ActionContext, tier: Tier): Statement[] {
  const a = c.area;
  switch (c.driver) {
    case 'storage':
    case 'unit':
      return {
        blue: [
          {
            zh: `中控室操作人员核实${a.zh}异常参数的仪表读数并调整工况`,
            en: `Console operators verify the abnormal readings at ${a.en} and correct the operation`,
          },
        ],
        yellow: [
          c.driver === 'storage'
            ? {
                zh: '立即停止向异常储罐收料或倒罐至备用罐，确认高高联锁在投用状态',
                en: 'Stop filling the abnormal tank at once or transfer to a standby tank; check the high-high interlock is in service',
              }
            : {
                zh: '立即降负荷或停止进料，确认安全仪表系统在投用状态',
                en: 'Reduce load or stop the feed at once; check the safety instrumented system is in service',
              },
          {
            zh: '安排专人携带便携式检测仪到现场巡检确认',
            en: 'Send a person with a portable detector to check on site',
          },
        ],
        orange: [
          {
            zh: '启动企业现场处置方案：必要时紧急停车、开启冷却喷淋、转移物料；重大危险源主要负责人到岗',
            en: 'Start the site disposal plan: emergency shutdown, cooling sprays and product transfer as needed; the person responsible for the major hazard goes to the site',
          },
          {
            zh: '企业应急救援队伍和消防力量现场待命，设置警戒区',
            en: 'Enterprise emergency team and fire brigade stand by on site; set up a cordon',
          },
        ],
        red: [
          {
            zh: '启动企业应急预案并立即报告属地应急管理部门，撤离非必要人员',
            en: 'Activate the enterprise emergency plan, report to the local emergency management bureau at once and evacuate non-essential staff',
          },
        ],
      }[tier];
    case 'leak':
      return {
        blue: [
          {
            zh: `${a.zh}安排人员佩戴防护用品携便携式检测仪现场查找泄漏点`,
            en: `Staff with protective equipment and a portable detector look for the leak at ${a.en}`,
          },
        ],
        yellow: [
          {
            zh: '关闭泄漏点上下游阀门隔离泄漏源，停止区域内一切动火及检维修作业，严禁点火源',
            en: 'Close the valves around the leak to isolate it; stop all hot work and maintenance in the area; no ignition sources',
          },
          c.toxic
            ? {
                zh: '处置人员佩戴正压式空气呼吸器，开启水幕稀释吸收',
                en: 'Responders wear self-contained breathing apparatus; start water curtains to dilute and absorb the gas',
              }
            : {
                zh: '开启事故通风和水幕，防止可燃气体扩散积聚',
                en: 'Start emergency ventilation and water curtains to keep the gas from spreading and pooling',
              },
        ],
        orange: [
          {
            zh: '区域紧急停车，疏散泄漏区域及下风向人员，消防力量现场待命',
            en: 'Emergency shutdown of the area; evacuate the leak area and everyone downwind; fire brigade on standby',
          },
        ],
        red: [
          {
            zh: `启动企业应急预案并报告属地应急管理部门；根据扩散情况做好 ${c.radiusM} 米范围内人员疏散准备`,
            en: `Activate the enterprise emergency plan and report to the emergency management bureau; prepare to evacuate people within ${c.radiusM} m as the gas spreads`,
          },
        ],
      }[tier];
    case 'alarm':
      return {
        blue: [
          {
            zh: `${a.zh}中控室立即确认并处置积压报警`,
            en: `The console at ${a.en} acknowledges and disposes of the backlog of alarms at once`,
          },
        ],
        yellow: [
          {
            zh: '当班班长核查报警处置情况和中控室人员在岗情况，修复离线仪表',
            en: 'The shift leader checks alarm handling and console staffing, and has offline instruments repaired',
          },
        ],
        orange: [
          {
            zh: '企业安全管理负责人到中控室督办，排查是否存在离岗、睡岗或报警长期屏蔽',
            en: 'The enterprise safety manager goes to the console; check for staff off post or asleep and for alarms left suppressed',
          },
        ],
        red: [
          {
            zh: '属地应急管理部门电话抽查并督促企业现场核查，必要时派员检查',
            en: 'The emergency management bureau calls the enterprise, requires an on-site check and sends inspectors if needed',
          },
        ],
      }[tier];
  }
}

export function actionsFor(c: ActionContext): Statement[] {
  const upTo = TIERS.slice(0, TIERS.indexOf(c.tier) + 1).reverse();
  const out: Statement[] = [];
  if (c.flame)
    out.push({
      zh: '火焰/视频已确认火情：立即报警 119，启动消防冷却',
      en: 'Flame or video confirms fire: call 119 at once and start fire-fighting cooling',
    });
  // A bypassed interlock, and for a process deviation the control action (stop the inflow or the feed),
  // come before the escalations: they remove the cause.
  if (c.bypassed.length > 0)
    out.push({
      zh: `立即恢复被旁路的联锁（${list(c.bypassed, 'zh')}），或核实联锁摘除审批手续`,
      en: `Restore the bypassed interlocks at once (${list(c.bypassed, 'en')}) or check the bypass was approved`,
    });
  const control =
    (c.driver === 'storage' || c.driver === 'unit') && c.tier !== 'blue' ? byTier(c, 'yellow')[0] : undefined;
  if (control) out.push(control);
  for (const t of upTo) out.push(...byTier(c, t).filter((a) => a.zh !== control?.zh));
  if (c.targets.length > 0 && (c.tier === 'orange' || c.tier === 'red'))
    out.push({
      zh: `通知范围内防护目标：${list(c.targets, 'zh')}`,
      en: `Inform the protection targets inside: ${list(c.targets, 'en')}`,
    });
  if (c.faults.length > 0)
    out.push({
      zh: `校验疑似故障仪表：${list(c.faults, 'zh')}`,
      en: `Check the instruments that look faulty: ${list(c.faults, 'en')}`,
    });
  return out;
}

/** When no warning is issued but an instrument looks faulty. */
export function faultActions(faults: I18n[]): Statement[] {
  return [
    {
      zh: `企业仪表人员校验${list(faults, 'zh')}（雷达液位计假回波、结焦、测温元件故障等），并人工检尺核实`,
      en: `Enterprise instrument technicians check ${list(faults, 'en')} (radar false echo, fouling, a failed temperature element) and verify by manual gauging`,
    },
  ];
}
