/**
 * The tunable model of the hazchem analysis: the four-index reconstruction (notes §5.2, every weight,
 * duration and band) and the R-value tables of GB 18218-2018 / 安监总局令第40号 附件1. README.md gives
 * the basis of every default.
 */
import { type Static, Type } from '@fenghuo/sdk';

const n = (title: string, minimum = 0, maximum?: number) =>
  Type.Number(maximum === undefined ? { minimum, title } : { minimum, maximum, title });

/** The four-index model (notes §5.2, an engineering reconstruction) and the R-value tables. */
export const config = Type.Object({
  areaRadiusM: n('区域传感器搜索半径（米） / radius to collect the area’s sensors (m)', 10, 10_000),
  windowMin: n('历史时窗（分钟） / history window (min)', 10, 1440),
  staleFactor: n('离线判定倍数（× 采样间隔） / offline after this many sampling intervals', 1, 100),
  vessel: Type.Object(
    {
      highScore: n('H 基础分 / score at H'),
      highHeldMin: n('H 持续加分时长（分钟） / H held longer than (min)'),
      highHeldBonus: n('H 持续加分 / bonus when H is held'),
      highHighScore: n('HH 基础分 / score at HH'),
      highHighHeldMin: n('HH 持续加分时长（分钟） / HH held longer than (min)'),
      highHighHeldBonus: n('HH 持续加分 / bonus when HH is held'),
      beyondDesignScore: n('超设计值/联锁动作/旁路下 HH 得分 / beyond design, trip, or HH while bypassed'),
      multiAbnormalMin: Type.Integer({ minimum: 2, title: '同时异常设备数 / equipment abnormal at once' }),
      multiAbnormalBonus: n('多设备同时异常加分 / bonus when several are abnormal'),
    },
    { title: '储存区/装置区参数评分 / vessel parameter scoring' },
  ),
  unit: Type.Object(
    {
      bypassBonus: n('装置运行中联锁旁路加分 / bonus for a bypassed SIF'),
      tripBonus: n('近期非计划停车/联锁动作加分 / bonus for a recent trip'),
      tripWindowMin: n('联锁动作回看（分钟） / trip look-back (min)', 1),
    },
    { title: '装置区附加项 / process-unit additions' },
  ),
  hazardWeight: Type.Object(
    {
      grade1: n('一级 h_R'),
      grade2: n('二级 h_R'),
      grade3: n('三级 h_R'),
      grade4: n('四级 h_R'),
      unknown: n('未分级 h_R / no inventory'),
    },
    { title: '重大危险源级别权重 h_R / hazard weight by grade' },
  ),
  leak: Type.Object(
    {
      combustibleLevel1: n('可燃一级报警（%LEL） / combustible level 1 (%LEL)', 0, 100),
      combustibleLevel2: n('可燃二级报警（%LEL） / combustible level 2 (%LEL)', 0, 100),
      toxicLevel2Ratio: n('有毒二级报警（× OEL） / toxic level 2 (× OEL)', 1),
      level1Score: n('一级报警得分 / score at level 1'),
      level2Score: n('二级报警得分 / score at level 2'),
      escalatedScore: n('多点二级或持续得分 / several at level 2, or held'),
      level2HeldMin: n('二级持续时长（分钟） / level 2 held longer than (min)'),
      multiDetectorMin: Type.Integer({ minimum: 2, title: '多点二级探测器数 / detectors at level 2' }),
      confirmedScore: n('二级 + 火焰/视频确认或大范围得分 / level 2 confirmed, or widespread'),
      widespreadDetectorMin: Type.Integer({ minimum: 2, title: '大范围二级探测器数 / widespread count' }),
      fenceIdlhFraction: n('厂界 IDLH 比例 / fence-line fraction of IDLH', 0, 1),
    },
    { title: '泄漏风险指数 / leak index' },
  ),
  alarmMgmt: Type.Object(
    {
      perOverdueAlarm: n('每条超时未处置报警得分 / per overdue alarm'),
      unackMin: n('未确认时长（分钟） / unacknowledged longer than (min)'),
      unackScore: n('长时间未确认加分 / bonus'),
      floodPer10Min: n('报警泛滥（条/10 分钟） / flood above (alarms per 10 min)'),
      floodScore: n('报警泛滥加分 / bonus'),
      offlineShare: n('离线传感器比例 / offline share above', 0, 1),
      offlineScore: n('离线加分 / bonus'),
    },
    { title: '报警管理指数 / alarm-management index' },
  ),
  stateBands: Type.Object(
    {
      yellow: n('黄色下限 / yellow from', 0, 100),
      orange: n('橙色下限 / orange from', 0, 100),
      red: n('红色下限 / red from', 0, 100),
    },
    { title: '风险状态分级（> 0 为蓝色） / state bands (> 0 is blue)' },
  ),
  plausibility: Type.Object(
    {
      maxLevelRiseMPerMin: n('最大可信液位上升速率（米/分钟） / largest credible level rise (m/min)'),
      maxTempRiseCPerMin: n('最大可信温升速率（°C/分钟） / largest credible temperature rise (°C/min)'),
    },
    { title: '仪表故障判据 / instrument-fault test' },
  ),
  impactRadiusM: n('影响范围半径（米） / exposure radius (m)', 0, 20_000),
  rValue: Type.Object(
    {
      betaByCategory: Type.Record(Type.String(), Type.Number({ minimum: 0 }), {
        title: 'β 按危险类别 / β by hazard category',
      }),
      betaByToxicGas: Type.Record(Type.String(), Type.Number({ minimum: 0 }), {
        title: 'β 毒性气体 / β of named toxic gases',
      }),
      alphaByExposed: Type.Array(
        Type.Object({ minPeople: Type.Integer({ minimum: 0 }), alpha: Type.Number({ minimum: 0 }) }),
        { title: 'α 按厂外暴露人数（人数下限） / α by people exposed outside (lower bound)' },
      ),
      gradeBands: Type.Object(
        { grade1: n('一级 R ≥'), grade2: n('二级 R ≥'), grade3: n('三级 R ≥') },
        { title: '分级 / grade bands' },
      ),
    },
    { title: '重大危险源 R 值分级 / R-value grading (GB 18218-2018)' },
  ),
});
export type HazchemConfig = Static<typeof config>;

export const defaults: HazchemConfig = {
  areaRadiusM: 1500,
  windowMin: 120,
  staleFactor: 3,
  vessel: {
    highScore: 20,
    highHeldMin: 10,
    highHeldBonus: 10,
    highHighScore: 50,
    highHighHeldMin: 5,
    highHighHeldBonus: 15,
    beyondDesignScore: 90,
    multiAbnormalMin: 2,
    multiAbnormalBonus: 10,
  },
  unit: { bypassBonus: 30, tripBonus: 20, tripWindowMin: 120 },
  hazardWeight: { grade1: 1.3, grade2: 1.2, grade3: 1.1, grade4: 1.0, unknown: 1.0 },
  leak: {
    combustibleLevel1: 25,
    combustibleLevel2: 50,
    toxicLevel2Ratio: 2,
    level1Score: 40,
    level2Score: 70,
    escalatedScore: 85,
    level2HeldMin: 5,
    multiDetectorMin: 2,
    confirmedScore: 100,
    widespreadDetectorMin: 3,
    fenceIdlhFraction: 0.1,
  },
  alarmMgmt: {
    perOverdueAlarm: 10,
    unackMin: 60,
    unackScore: 20,
    floodPer10Min: 10,
    floodScore: 20,
    offlineShare: 0.1,
    offlineScore: 20,
  },
  stateBands: { yellow: 25, orange: 50, red: 75 },
  plausibility: { maxLevelRiseMPerMin: 0.5, maxTempRiseCPerMin: 5 },
  impactRadiusM: 500,
  rValue: {
    // 安监总局令第40号 附件1 (verified) and GB 18218-2018 表4 (W/J keys, recalled).
    betaByCategory: {
      explosive: 2,
      flammable_gas: 1.5,
      toxic_gas: 2,
      highly_toxic: 4,
      other: 1,
      J1: 4,
      J2: 1,
      J3: 2,
      J4: 2,
      J5: 1,
      'W1.1': 2,
      'W1.2': 2,
      'W1.3': 2,
      W2: 1.5,
      W3: 1,
      W4: 1,
      'W5.1': 1.5,
      'W5.2': 1,
      'W5.3': 1,
      'W5.4': 1,
      'W6.1': 1.5,
      'W6.2': 1,
      'W7.1': 1.5,
      'W7.2': 1,
      W8: 1,
      'W9.1': 1,
      'W9.2': 1,
      W10: 1,
      W11: 1,
    },
    betaByToxicGas: {
      carbon_monoxide: 2,
      sulfur_dioxide: 2,
      ammonia: 2,
      ethylene_oxide: 2,
      hydrogen_chloride: 3,
      methyl_bromide: 3,
      chlorine: 4,
      hydrogen_sulfide: 5,
      hydrogen_fluoride: 5,
      nitrogen_dioxide: 10,
      hydrogen_cyanide: 10,
      phosgene: 20,
      phosphine: 20,
      methyl_isocyanate: 20,
    },
    alphaByExposed: [
      { minPeople: 100, alpha: 2.0 },
      { minPeople: 50, alpha: 1.5 },
      { minPeople: 30, alpha: 1.2 },
      { minPeople: 1, alpha: 1.0 },
      { minPeople: 0, alpha: 0.5 },
    ],
    gradeBands: { grade1: 100, grade2: 50, grade3: 10 },
  },
};
