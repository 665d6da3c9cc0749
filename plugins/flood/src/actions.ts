/**
 * Recommended actions, cumulative by tier, strongest first, following city drainage and waterlogging
 * emergency practice (GB 51222 §3 emergency drainage; Shanghai/Shenyang underpass closure at 25 cm):
 * staff and mobile pumps to the spot, clear the inlets, guide and then close traffic, get people out.
 */
import type { CityObject, I18n, Statement, Tier } from '@fenghuo/sdk';
import type { Lifelines } from './common.js';
import { list, tierIdx } from './common.js';
import type { ClosureAdvice } from './depth.js';

export interface PondingActionInput {
  tier: Tier | null;
  place: I18n;
  closure: ClosureAdvice;
  closureCm: number;
  pumpDown: boolean;
  lifelines: Lifelines;
  sensitive: CityObject[];
  entrances: CityObject[];
  noRain: boolean;
}

export function pondingActions(c: PondingActionInput): Statement[] {
  const out: Statement[] = [];
  const t = tierIdx(c.tier);
  if (c.closure.kind === 'close-now')
    out.push({
      zh: `立即封闭${c.place.zh}：两端匝道设置路障，交警疏导绕行，严禁车辆、行人进入积水区`,
      en: `Close ${c.place.en} now: barriers at both ends, traffic police divert traffic, no vehicle or person enters the water`,
    });
  else if (c.closure.kind === 'prepare')
    out.push({
      zh: `预计约 ${c.closure.inMin} 分钟后积水达 ${c.closureCm} cm 封闭标准：封闭人员和路障提前到位，积水达标即封闭${c.place.zh}`,
      en: `Ponding is forecast to reach the ${c.closureCm} cm closure depth in about ${c.closure.inMin} min: put closure staff and barriers in place and close ${c.place.en} when it does`,
    });
  if (t >= 4)
    out.push({
      zh: '启动防汛应急预案并上报；搜救被困车辆和人员，必要时切断下穿通道照明等用电',
      en: 'Activate the flood emergency plan and report; search for trapped vehicles and people; cut power to the underpass lighting if needed',
    });
  if (c.entrances.length > 0 && t >= 2)
    out.push({
      zh: `${list(
        c.entrances.map((o) => o.name),
        'zh',
      )}立即安装挡水板、堆沙袋，做好人员疏散准备`,
      en: `Put flood barriers and sandbags at ${list(
        c.entrances.map((o) => o.name),
        'en',
      )} and prepare to move people out`,
    });
  if (c.sensitive.length > 0 && t >= 2)
    out.push({
      zh: `通知${list(
        c.sensitive.map((o) => o.name),
        'zh',
      )}：避开积水路段，安排人员安全通行`,
      en: `Tell ${list(
        c.sensitive.map((o) => o.name),
        'en',
      )} to keep people away from the flooded road`,
    });
  if (c.pumpDown)
    out.push({
      zh: '泵站停机或故障：立即抢修，调派移动泵车顶替排水',
      en: 'The pump station is down: repair it now and send mobile pump trucks to take over',
    });
  if (t >= 2)
    out.push({
      zh: '调派移动泵车和抢险队伍到场强排；通过情报板、导航和广播发布绕行提示',
      en: 'Send mobile pump trucks and a response team to pump out; publish detours on road signs, navigation apps and radio',
    });
  if (c.lifelines.water.length > 0)
    out.push({
      zh: `通知供水单位：关注${list(
        c.lifelines.water.map((o) => o.name),
        'zh',
      )}压力，压力骤降即排查爆管和路面脱空`,
      en: `Tell the water utility to watch the pressure on ${list(
        c.lifelines.water.map((o) => o.name),
        'en',
      )}; a sudden drop means checking for a burst and a void under the road`,
    });
  if (c.lifelines.gas.length > 0 && (t >= 2 || c.lifelines.water.length > 0))
    out.push({
      zh: `通知燃气单位：${list(
        c.lifelines.gas.map((o) => o.name),
        'zh',
      )}位于积水点附近，路面沉陷时检测相邻井室燃气浓度`,
      en: `Tell the gas company that ${list(
        c.lifelines.gas.map((o) => o.name),
        'en',
      )} runs near the ponding; if the road subsides, test the wells beside it for gas`,
    });
  if (c.noRain)
    out.push({
      zh: '无降雨积水：排查附近供水管爆管、排水口堵塞或河水倒灌',
      en: 'Ponding without rain: look for a burst water main, a blocked outfall or river backflow nearby',
    });
  if (t >= 1)
    out.push({
      zh: '巡查人员到场核实积水，清掏雨水口和格栅，泵站值守',
      en: 'Staff on site to confirm the ponding, clear the inlets and screens, pump station manned',
    });
  return out;
}

export function riverActions(tier: Tier | null, lowPoints: CityObject[]): Statement[] {
  const out: Statement[] = [];
  const t = tierIdx(tier);
  if (t >= 4)
    out.push({
      zh: '启动防洪应急预案并上报；组织影响范围内人员全部转移，抢险队伍上堤',
      en: 'Activate the flood emergency plan and report; move everyone in the area out; response teams on the levees',
    });
  if (t >= 3)
    out.push({
      zh: '封闭沿河道路和下穿通道，转移低洼区域人员，抢险物资前置',
      en: 'Close riverside roads and underpasses, move people out of low-lying areas, pre-position flood-fighting supplies',
    });
  if (t >= 2) {
    out.push({
      zh: '堤防 24 小时巡查，关闭防洪闸门，检查排水口拍门防倒灌',
      en: 'Patrol the levees round the clock, close the flood gates, check outfall flap valves against backflow',
    });
    if (lowPoints.length > 0)
      out.push({
        zh: `河水顶托影响自排：${list(
          lowPoints.map((o) => o.name),
          'zh',
        )}泵站加强值守`,
        en: `High river blocks gravity outfalls: man the pumps for ${list(
          lowPoints.map((o) => o.name),
          'en',
        )}`,
      });
  }
  if (t >= 1)
    out.push({
      zh: '加密水位观测，跟踪上游来水和短临降水预报',
      en: 'Read the level more often; follow upstream inflow and the rainfall nowcast',
    });
  return out;
}

export function rainActions(tier: Tier | null, watch: CityObject[]): Statement[] {
  const out: Statement[] = [];
  const t = tierIdx(tier);
  if (t >= 3)
    out.push({
      zh: '防汛应急响应：必要时停课、停工、停业，地下空间和下穿通道做好封闭准备',
      en: 'Flood emergency response: suspend classes, work and business where needed; prepare to close underground spaces and underpasses',
    });
  if (t >= 2)
    out.push({
      zh: '移动泵车、抢险队伍前置到易涝点',
      en: 'Pre-position mobile pump trucks and response teams at the flood-prone spots',
    });
  if (watch.length > 0 && t >= 1)
    out.push({
      zh: `重点盯防：${list(
        watch.map((o) => o.name),
        'zh',
      )}`,
      en: `Watch closely: ${list(
        watch.map((o) => o.name),
        'en',
      )}`,
    });
  if (t >= 1)
    out.push({
      zh: '排水设施巡查，清掏雨水口，泵站预降水位、人员到岗',
      en: 'Inspect the drainage, clear the inlets, pump down the sumps and man the pump stations',
    });
  return out;
}
