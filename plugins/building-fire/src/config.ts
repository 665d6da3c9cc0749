/**
 * The tunable parameters of the building-fire analysis model and their defaults. Every number is
 * documented in README.md with its basis.
 */
import { type Static, Type } from '@fenghuo/sdk';

const tierLiteral = Type.Union([
  Type.Literal('blue'),
  Type.Literal('yellow'),
  Type.Literal('orange'),
  Type.Literal('red'),
]);

/** The analysis model's parameters. Every number here is documented in the README with its basis. */
export const config = Type.Object({
  buildingRadiusM: Type.Number({
    minimum: 10,
    maximum: 2000,
    title: '查找同楼监测点的半径（米） / radius to find the sensors of the same building (m)',
  }),
  maxSensors: Type.Integer({
    minimum: 5,
    maximum: 400,
    title: '一次分析最多读取的同楼监测点数 / most sensors of the building read in one analysis',
  }),
  confirmWindowMin: Type.Number({
    minimum: 1,
    maximum: 60,
    title: '多探测器确认时窗（分钟） / multi-detector confirmation window (min)',
  }),
  correlateFloors: Type.Integer({
    minimum: 0,
    maximum: 3,
    title: '视为同一区域的楼层差 / floors apart still counted as one zone',
  }),
  confirmHeatC: Type.Number({
    minimum: 50,
    maximum: 150,
    title: '视为确认火灾的温度（°C） / temperature read as a confirmed fire (°C)',
  }),
  chatter: Type.Object(
    {
      windowMin: Type.Number({ minimum: 10, maximum: 1440 }),
      edges: Type.Integer({ minimum: 2, maximum: 50 }),
    },
    { title: '频繁误报探测器判据 / chattering-detector test' },
  ),
  priorityUses: Type.Array(Type.String(), {
    title: '确认火灾即红色预警的使用性质 / uses where a confirmed fire is red',
  }),
  priorityKinds: Type.Array(Type.String(), {
    title: '确认火灾即红色预警的对象类型 / building kinds where a confirmed fire is red',
  }),
  highRiseHeightM: Type.Object(
    {
      residential: Type.Number({ minimum: 10, maximum: 100 }),
      other: Type.Number({ minimum: 10, maximum: 100 }),
    },
    { title: '高层建筑高度界限（米） / high-rise height limits (m)' },
  ),
  storeyHeightM: Type.Number({
    minimum: 2,
    maximum: 10,
    title: '未给建筑高度时的层高（米） / storey height when the building height is absent (m)',
  }),
  impairmentEscalation: Type.Integer({
    minimum: 0,
    maximum: 2,
    title: '消防设施受损时升级级数 / tiers added when fire protection is impaired',
  }),
  maxEscalation: Type.Integer({
    minimum: 0,
    maximum: 4,
    title: '最多升级级数 / most tiers added by escalation',
  }),
  waterImpairedHours: Type.Number({
    minimum: 1,
    maximum: 720,
    title: '水压低于下限视为设施失效的时长（小时） / hours below the minimum that make the water impaired',
  }),
  waterSevereRatio: Type.Number({
    minimum: 0,
    maximum: 1,
    title: '严重失压比例（× 最低压力） / severe loss (× minimum pressure)',
  }),
  panelStaleHours: Type.Number({
    minimum: 1,
    maximum: 720,
    title: '控制器状态的有效回看时长（小时） / how far back a panel state counts (h)',
  }),
  spreadFloorsAbove: Type.Integer({
    minimum: 0,
    maximum: 10,
    title: '着火层以上直接受烟威胁的层数 / floors above the fire floor directly at risk',
  }),
  stackMinFloors: Type.Integer({
    minimum: 2,
    maximum: 100,
    title: '考虑烟囱效应的最少地上层数 / storeys from which the stack effect is applied',
  }),
  indoorTempC: Type.Number({
    minimum: 0,
    maximum: 40,
    title: '室内温度（°C），判断烟囱效应方向 / indoor temperature for the stack-effect direction (°C)',
  }),
  neutralPlaneRatio: Type.Number({
    minimum: 0.1,
    maximum: 0.9,
    title: '中性面高度比例 / neutral plane height as a share of the building',
  }),
  leakHeldMin: Type.Number({
    minimum: 1,
    maximum: 240,
    title: '剩余电流持续超限时长（分钟） / residual current held above the limit (min)',
  }),
  leakRecurPerDay: Type.Integer({
    minimum: 2,
    maximum: 50,
    title: '剩余电流 24 h 内反复超限次数 / residual-current exceedances in 24 h that count as recurring',
  }),
  electricalCoincidenceTier: tierLiteral,
  arcEscalation: Type.Integer({
    minimum: 0,
    maximum: 2,
    title: '故障电弧升级级数 / tiers added by an arc fault',
  }),
  causeLookbackMin: Type.Number({
    minimum: 5,
    maximum: 1440,
    title: '起火原因研判回看时长（分钟） / look-back for the fire-cause judgement (min)',
  }),
  exposureRadiusM: Type.Number({
    minimum: 0,
    maximum: 1000,
    title: '周边防护目标半径（米） / radius for protection targets around the building (m)',
  }),
});
export type FireConfig = Static<typeof config>;

export const defaults: FireConfig = {
  buildingRadiusM: 200,
  maxSensors: 120,
  confirmWindowMin: 10,
  correlateFloors: 1,
  confirmHeatC: 68,
  chatter: { windowMin: 60, edges: 3 },
  priorityUses: ['hospital', 'elderly_care', 'school', 'kindergarten', 'entertainment', 'hotel'],
  priorityKinds: ['high_rise', 'crowded_place'],
  highRiseHeightM: { residential: 27, other: 24 },
  storeyHeightM: 3,
  impairmentEscalation: 1,
  maxEscalation: 2,
  waterImpairedHours: 24,
  waterSevereRatio: 0.5,
  panelStaleHours: 24,
  spreadFloorsAbove: 2,
  stackMinFloors: 10,
  indoorTempC: 20,
  neutralPlaneRatio: 0.5,
  leakHeldMin: 10,
  leakRecurPerDay: 3,
  electricalCoincidenceTier: 'red',
  arcEscalation: 1,
  causeLookbackMin: 60,
  exposureRadiusM: 50,
};
