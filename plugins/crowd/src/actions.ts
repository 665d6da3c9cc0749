/**
 * Recommended actions by stampede-risk tier, strongest first, and the public channels to use. Based on the
 * guideline's §4(2)7 (public warning through phones, TV, broadcast, screens) and §5(1) (release channels).
 */
import type { I18n, Tier } from '@fenghuo/sdk';
import type { AreaKind } from './definition.js';

export interface ActionInputs {
  tier: Tier;
  kind: AreaKind;
  lowered: boolean;
  /** Neighbouring areas with room, named, to divert people to. */
  divertTo: readonly I18n[];
  /** Minutes until the density reaches the red limit on the present trend, when it is rising. */
  minutesToRed: number | null;
}

const RANK: Record<Tier, number> = { blue: 1, yellow: 2, orange: 3, red: 4 };

/**
 * The public channels a tier calls for: none below orange (the owner unit and the site handle it), screens
 * and broadcast on site at orange, and at red also cell broadcast / SMS, TV and radio.
 *
 * @example
 * publicChannels('orange').en; // 'on-site screens, public-address broadcast'
 */
export function publicChannels(tier: Tier): I18n {
  switch (tier) {
    case 'blue':
    case 'yellow':
      return {
        zh: '暂不向公众发布（现场管理单位处置）',
        en: 'no public release yet (the site operator handles it)',
      };
    case 'orange':
      return { zh: '现场及周边电子大屏、广播', en: 'on-site screens, public-address broadcast' };
    case 'red':
      return {
        zh: '现场及周边电子大屏、广播，手机短信/小区广播，电视、广播电台（国家突发事件预警信息发布系统）',
        en: 'on-site screens, public-address broadcast, cell broadcast / SMS, TV and radio (national emergency warning release system)',
      };
  }
}

/** The actions for a tier, strongest first; each tier also carries the actions of the tiers below. */
export function crowdActions(x: ActionInputs): I18n[] {
  const r = RANK[x.tier];
  const out: I18n[] = [];
  if (r >= 4) {
    out.push({
      zh: '立即停止入场，封控周边路口和来向通道，只出不进',
      en: 'Stop all entry now; close the surrounding junctions and approach routes, exit only',
    });
    out.push({
      zh: `通过${publicChannels('red').zh}向公众发布红色预警：不要前往该区域，现场人员听从指挥、不推挤、不逆行`,
      en: `Release a red public warning through ${publicChannels('red').en}: stay away from the area; people inside follow staff, do not push, do not walk against the flow`,
    });
    out.push({
      zh: '公安、消防、120 急救到场待命，按疏散预案分区疏散',
      en: 'Police, fire service and 120 ambulances on site; evacuate zone by zone under the evacuation plan',
    });
  }
  if (r >= 3) {
    out.push({
      zh: '暂停入场或入口限流至出场速度以下，开启全部疏散出口',
      en: 'Suspend entry or meter the gates below the exit rate; open every emergency exit',
    });
    out.push({
      zh: `通过${publicChannels('orange').zh}滚动播报拥挤提示，引导人群有序离开`,
      en: `Run crowding notices on ${publicChannels('orange').en} and guide people out in order`,
    });
    if (x.kind === 'transit_hub')
      out.push({
        zh: '车站采取站外限流，协调运营单位列车过站不停或加开列车',
        en: 'Queue passengers outside the station; ask the operator to run trains through or add trains',
      });
    if (x.minutesToRed !== null && x.minutesToRed > 0 && r < 4)
      out.push({
        zh: `按当前趋势约 ${Math.round(x.minutesToRed)} 分钟后达到红色密度，提前准备红色预警处置`,
        en: `On the present trend the red density is about ${Math.round(x.minutesToRed)} min away: prepare the red-tier response`,
      });
  }
  if (x.divertTo.length > 0 && r >= 2)
    out.push({
      zh: `引导人流前往${x.divertTo.map((d) => d.zh).join('、')}`,
      en: `Divert people towards ${x.divertTo.map((d) => d.en).join(', ')}`,
    });
  if (r >= 2) {
    out.push({
      zh: '入口分批放行，设置单向通行和隔离护栏，增派安保和志愿者',
      en: 'Admit people in batches at the gates; set one-way flow and barriers; add stewards and volunteers',
    });
    if (x.lowered)
      out.push({
        zh: '台阶、坡道、瓶颈口派专人值守，禁止停留和逆行',
        en: 'Post stewards at stairs, slopes and bottlenecks; no stopping, no walking against the flow',
      });
  }
  out.push({
    zh: '管理单位加强巡查和视频监控，核实现场人数，随时报告变化',
    en: 'The operator steps up patrols and video watch, confirms the count on site and reports changes',
  });
  return out;
}
