/**
 * Recommended actions per signal tier, after the defence guidelines (防御指南) that come with the CMA
 * typhoon signals (2007, recalled), strongest first, plus the structure and storm-surge specifics.
 */
import type { Statement, Tier } from '@fenghuo/sdk';

const BY_TIER: Record<Tier, Statement[]> = {
  red: [
    {
      zh: '进入特别紧急防风状态：人员留在防风安全的地方，转移危旧房屋、临时建筑、低洼地区和海堤外人员',
      en: 'Special emergency wind defence: people stay in wind-safe places; move people out of old and temporary buildings, low-lying areas and from outside the sea walls',
    },
    {
      zh: '停课、停业（特殊行业除外），停止一切户外作业和集会，关闭沿海景区和公园',
      en: 'Close schools and businesses (except essential services); stop all outdoor work and gatherings; close coastal scenic areas and parks',
    },
  ],
  orange: [
    {
      zh: '进入紧急防风状态：停止室内外大型集会，停课、停业（特殊行业除外），船舶回港避风并加固港口设施',
      en: 'Emergency wind defence: stop large gatherings, close schools and businesses (except essential services), ships return to port, secure port facilities',
    },
    {
      zh: '转移危旧房屋、临时建筑和低洼地区人员；切断危险的室外电源',
      en: 'Move people out of old and temporary buildings and low-lying areas; cut dangerous outdoor power supplies',
    },
  ],
  yellow: [
    {
      zh: '进入防风应急状态：停止室内外大型集会和高空等户外危险作业，幼儿园、中小学采取停课措施',
      en: 'Wind emergency: stop large gatherings and high-altitude or other dangerous outdoor work; kindergartens and schools suspend classes',
    },
    {
      zh: '海上作业船舶回港避风，加固港口设施，防止船舶走锚、搁浅和碰撞',
      en: 'Vessels return to port; secure port facilities; guard against dragging anchors, grounding and collisions',
    },
  ],
  blue: [
    {
      zh: '做好防风准备：关紧门窗，加固围板、棚架、广告牌等易被风吹动的搭建物，妥善安置室外物品',
      en: 'Prepare for wind: close windows and doors; secure hoardings, sheds, billboards and other structures the wind can move; bring in outdoor objects',
    },
    {
      zh: '停止露天集体活动和高空作业；通知海上作业和水上航行船舶注意避风',
      en: 'Stop open-air group activities and work at height; warn vessels at sea to seek shelter',
    },
  ],
};

const STRUCTURES: Statement = {
  zh: '塔吊停止作业、放松回转制动使起重臂随风转动，拆除或加固超限广告牌、脚手架和临时建筑，设置警戒区',
  en: 'Stop tower cranes and release the slewing brake so the jib weathervanes; take down or brace billboards, scaffolds and temporary buildings beyond their limits; cordon them off',
};

const MONITOR: Statement = {
  zh: '气象部门按路径报文滚动更新研判，相关部门和权属单位保持 24 小时值守',
  en: 'The met office updates the assessment with every bulletin; departments and owner units keep a 24-hour watch',
};

export function actionsFor(tier: Tier, structuresAtRisk: boolean): Statement[] {
  const out = [...BY_TIER[tier]];
  if (structuresAtRisk) out.push(STRUCTURES);
  out.push(MONITOR);
  return out;
}

export function surgeActions(tier: Tier, overtopping: boolean): Statement[] {
  const out: Statement[] = [];
  if (overtopping || tier === 'red' || tier === 'orange')
    out.push({
      zh: '组织海堤后方低洼区域和堤外作业人员撤离，关闭沿海道路和闸口，抢险队伍带沙袋等物资上堤',
      en: 'Evacuate the low-lying area behind the sea wall and anyone working outside it; close coastal roads and sluice gates; send repair teams with sandbags to the wall',
    });
  out.push({
    zh: '巡查海堤、闸门和排涝设施，加密潮位观测（每 10 分钟一次），关注天文大潮与台风增水叠加',
    en: 'Patrol the wall, gates and drainage; read the tide every 10 minutes; watch for the spring tide adding to the surge',
  });
  out.push({
    zh: '通知港口、渔船和海水养殖人员回港避风、撤离',
    en: 'Tell ports, fishing boats and aquaculture workers to return to port and leave',
  });
  return out;
}
