/**
 * The elevator analysis: one judgement per alarm, whatever the metric, built from the event, the lift's
 * own recent events (trapped state, concurrent fault) and its 96333-style statistics and class.
 * Tier = the event's own severity, + `trappedPeopleRaise` while people are trapped, + `classCRaisesTier`
 * for a class C lift, capped at red; an isolated ride-quality spike gives no warning.
 */
import type { AlarmEvent, AnalysisContext, AnalysisResult, Statement, Tier } from '@fenghuo/sdk';
import { CLASS_TEXT, classify, judgeCompany } from './classify.js';
import { faultOf } from './codes.js';
import { type ElevatorConfig, type MetricKey, thresholds } from './definition.js';
import { judgeSpeed, type SafetyGear } from './speed.js';
import { type Gathered, gather } from './stats.js';
import { levelIndex, raise, tierAt } from './tiers.js';

type Ev = AlarmEvent<MetricKey>;

interface Part {
  tier: Tier | null;
  /** Whether people are (or may be) inside, so the people-present raise applies. */
  peopleRaise: boolean;
  findings: Statement[];
  actions: Statement[];
  eventZh: string;
  eventEn: string;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

function trappedPart(
  ev: Ev,
  g: Gathered,
  c: ElevatorConfig,
  limits: Record<string, number | undefined>,
): Part {
  const minutes = ev.metric === 'trapped_minutes' ? ev.value : 0;
  const lv = { yellow: limits.yellow ?? 15, orange: limits.orange ?? 30, red: limits.red ?? 60 };
  const base: Tier =
    minutes >= lv.red ? 'red' : minutes >= lv.orange ? 'orange' : minutes >= lv.yellow ? 'yellow' : 'blue';
  const findings: Statement[] = [
    {
      zh: `电梯困人，已持续 ${r2(minutes)} 分钟（救援到场时限 ${c.trappedRescueMin} 分钟）`,
      en: `People trapped in the car for ${r2(minutes)} min (rescue arrival deadline ${c.trappedRescueMin} min)`,
    },
  ];
  const actions: Statement[] = [
    {
      zh: `维保单位立即派员赶赴现场解救被困人员，${c.trappedRescueMin} 分钟内到场（TSG T5002-2017）`,
      en: `The maintenance company sends rescuers at once, on site within ${c.trappedRescueMin} min (TSG T5002-2017)`,
    },
    {
      zh: '96333 平台/使用单位与被困人员保持通话安抚，询问有无伤病人员，必要时联系 120',
      en: 'The 96333 centre or the building keeps talking to the people inside, asks about injuries or illness, calls 120 if needed',
    },
  ];
  let tier: Tier | null = base;
  if (minutes >= c.trappedRescueMin) {
    findings.push({
      zh: `已超过 ${c.trappedRescueMin} 分钟救援到场时限`,
      en: `The ${c.trappedRescueMin}-min rescue deadline has passed`,
    });
    actions.unshift({
      zh: '超时未解救：通知消防救援（119）协助破拆救援，市场监管部门督办',
      en: 'Rescue overdue: call the fire service (119) to assist, the market regulator supervises',
    });
  }
  const f = g.recentFault ? faultOf(g.recentFault.value) : null;
  if (f) {
    findings.push({ zh: `困人前后发生故障：${f.name.zh}`, en: `Fault around the entrapment: ${f.name.en}` });
    if (f.tier === 'red') {
      tier = 'red';
      actions.unshift({
        zh: '轿厢曾失控运行：救援前先切断主电源并确认轿厢已制停，严禁被困人员自行扒门',
        en: 'The car moved uncontrolled: cut main power and confirm the car is held before rescue; no one forces the doors from inside',
      });
    }
  }
  return { tier, peopleRaise: true, findings, actions, eventZh: '困人', eventEn: 'people trapped' };
}

function faultPart(ev: Ev, g: Gathered): Part {
  const f = faultOf(ev.value);
  const name = f?.name ?? { zh: `故障代码 ${ev.value}`, en: `fault code ${ev.value}` };
  const tier = f?.tier ?? tierAt(levelIndex(ev.level));
  const actions: Statement[] = [
    {
      zh: '维保单位到场排查故障原因，修复并试运行合格前停止使用',
      en: 'The maintenance company inspects on site; the lift stays out of service until repaired and tested',
    },
  ];
  if (f?.tier === 'red')
    actions.unshift({
      zh: '立即停梯、设置警示并疏散候梯人员；检查制动器、限速器-安全钳和意外移动保护装置（UCMP）',
      en: 'Stop the lift at once, cordon the landings; check the brake, the governor and safety gear and the UCMP device',
    });
  if (f?.door)
    actions.push({
      zh: '检查层门/轿门门锁触点、门刀与门球啮合及门机，排除门系统隐患',
      en: 'Check the landing and car door locks, the door vane and rollers and the door operator',
    });
  return {
    tier,
    peopleRaise: g.trappedNow,
    findings: [{ zh: `故障事件：${name.zh}`, en: `Fault event: ${name.en}` }],
    actions,
    eventZh: name.zh,
    eventEn: name.en,
  };
}

function speedPart(ev: Ev, g: Gathered): Part {
  const rated = Number(ev.object.attributes.ratedSpeedMs);
  const gear = (ev.object.attributes.safetyGear as SafetyGear | undefined) ?? 'progressive';
  const j = judgeSpeed(ev.value, rated, gear);
  let tier = tierAt(levelIndex(ev.level));
  const findings: Statement[] = [
    {
      zh: `运行速度 ${r2(ev.value)} m/s，为额定速度 ${rated} m/s 的 ${Math.round(j.ratio * 100)}%；限速器动作速度范围 ${r2(j.tripLowMs)}–${r2(j.tripHighMs)} m/s`,
      en: `Car speed ${r2(ev.value)} m/s, ${Math.round(j.ratio * 100)} % of the rated ${rated} m/s; governor tripping band ${r2(j.tripLowMs)}–${r2(j.tripHighMs)} m/s`,
    },
  ];
  const actions: Statement[] = [
    {
      zh: '停梯检查曳引机制动器、曳引轮槽与钢丝绳打滑、变频器和编码器',
      en: 'Stop the lift; check the brake, sheave grooves and rope slip, the drive and the encoder',
    },
  ];
  if (j.beyondTrip) {
    tier = 'red';
    findings.push({
      zh: '速度已超过限速器最高动作速度，限速器-安全钳应已动作：可能失效',
      en: 'Speed is above the governor’s highest tripping speed: the governor and safety gear should have acted and may have failed',
    });
    actions.unshift({
      zh: '立即停用，确认轿厢内无人；检验机构对限速器-安全钳联动进行检验',
      en: 'Take the lift out of service at once, make sure no one is inside; the inspection body tests the governor and safety gear',
    });
  } else if (j.inTripBand) {
    findings.push({
      zh: '速度进入限速器动作范围（≥115% 额定速度）',
      en: 'Speed is inside the governor tripping band (≥ 115 % of rated speed)',
    });
  }
  return { tier, peopleRaise: g.trappedNow, findings, actions, eventZh: '超速', eventEn: 'overspeed' };
}

function ridePart(ev: Ev, g: Gathered, c: ElevatorConfig, repeats: number): Part {
  const what =
    ev.metric === 'accel'
      ? { zh: '加减速度超限', en: 'excessive acceleration' }
      : ev.metric === 'vib_h'
        ? { zh: '水平振动超限', en: 'excessive horizontal vibration' }
        : { zh: '垂直振动超限', en: 'excessive vertical vibration' };
  const findings: Statement[] = [
    {
      zh: `${what.zh}：${r2(ev.value)} m/s²（限值 ${r2(ev.limit)}），近 ${c.rideWindowMin} 分钟内超限 ${repeats} 次`,
      en: `${what.en}: ${r2(ev.value)} m/s² (limit ${r2(ev.limit)}); ${repeats} exceedance(s) in the last ${c.rideWindowMin} min`,
    },
  ];
  if (ev.metric !== 'accel') {
    const pp = ev.metric === 'vib_h' ? c.ppLimitH : c.ppLimitV;
    if (ev.value >= pp)
      findings.push({
        zh: `超过 GB/T 10058 乘运质量最大峰峰值 ${pp} m/s²`,
        en: `Above the GB/T 10058 ride-quality maximum peak-to-peak ${pp} m/s²`,
      });
  }
  const isolated =
    repeats < c.rideMinRepeats && ev.level !== 'red' && g.recentFault === null && !g.trappedNow;
  if (isolated) {
    findings.push({
      zh: '单次孤立超限，无关联故障或困人：多为乘客跳动、冲撞或偏载，暂不预警，继续监测',
      en: 'A single isolated exceedance with no fault or entrapment around it: typically passengers jumping, an impact or an uneven load; no warning, monitoring continues',
    });
    return {
      tier: null,
      peopleRaise: false,
      findings,
      actions: [
        {
          zh: '维保单位下次维保时检查导轨、导靴和轿厢减振',
          en: 'The maintenance company checks guide rails, shoes and car isolation at the next visit',
        },
      ],
      eventZh: what.zh,
      eventEn: what.en,
    };
  }
  const actions: Statement[] = [
    {
      zh: '维保单位检查导轨接头与平直度、导靴/滚轮、曳引钢丝绳张力、制动器和减振垫',
      en: 'The maintenance company checks guide-rail joints and straightness, shoes or rollers, rope tension, the brake and isolation pads',
    },
  ];
  if (ev.level === 'red')
    actions.unshift({
      zh: '冲击量级接近安全钳动作或自由坠落：立即停梯检查，确认轿厢内人员安全',
      en: 'Impact close to a safety-gear stop or free fall: stop the lift at once and check the people inside',
    });
  return {
    tier: tierAt(levelIndex(ev.level)),
    peopleRaise: g.trappedNow,
    findings,
    actions,
    eventZh: what.zh,
    eventEn: what.en,
  };
}

function maintenancePart(ev: Ev): Part {
  return {
    tier: tierAt(levelIndex(ev.level)),
    peopleRaise: false,
    findings: [
      {
        zh: `维保超期 ${r2(ev.value)} 天（TSG T5002-2017：每 15 天至少维保一次）`,
        en: `Maintenance ${r2(ev.value)} days overdue (TSG T5002-2017: at least every 15 days)`,
      },
    ],
    actions: [
      {
        zh: '使用单位督促维保单位立即补做半月维保并上传记录；市场监管部门核查维保合同履行',
        en: 'The building owner has the maintenance company do the half-monthly maintenance now and upload the record; the market regulator checks the contract',
      },
    ],
    eventZh: '维保超期',
    eventEn: 'maintenance overdue',
  };
}

/** Analyses one elevator alarm. */
export async function analyseLift(ev: Ev, ctx: AnalysisContext, c: ElevatorConfig): Promise<AnalysisResult> {
  const g = await gather(ev, ctx, c);
  let part: Part;
  switch (ev.metric) {
    case 'trapped':
    case 'trapped_minutes': {
      const lim = ev.sensor.metrics.includes('trapped_minutes')
        ? await ctx.thresholds(ev.sensor.id, 'trapped_minutes')
        : {};
      part = trappedPart(ev, g, c, { ...thresholds.trapped_minutes?.levels, ...lim });
      break;
    }
    case 'fault_code':
      part = faultPart(ev, g);
      break;
    case 'speed':
      part = speedPart(ev, g);
      break;
    case 'accel':
    case 'vib_h':
    case 'vib_v': {
      const lim = await ctx.thresholds(ev.sensor.id, ev.metric);
      const blue = lim.blue ?? ev.limit;
      const from = new Date(Date.parse(ev.ts) - c.rideWindowMin * 60_000).toISOString();
      const pts = await ctx.history(ev.sensor.id, ev.metric, { from, to: ev.ts });
      const last = pts[pts.length - 1];
      const all =
        last && Date.parse(last.ts) >= Date.parse(ev.ts) ? pts : [...pts, { ts: ev.ts, value: ev.value }];
      part = ridePart(ev, g, c, all.filter((p) => p.value >= blue).length);
      break;
    }
    case 'maintenance_overdue':
      part = maintenancePart(ev);
      break;
  }

  const cls = classify(g.own, c);
  const co = g.company;
  const judge = judgeCompany(g.own, co, c);
  const S = c.statsShortDays;
  const L = c.statsLongDays;
  const findings = [...part.findings];
  const actions = [...part.actions];
  let tier = part.tier;
  if (part.peopleRaise && tier !== null && c.trappedPeopleRaise > 0) {
    tier = raise(tier, c.trappedPeopleRaise);
    findings.push({ zh: '轿厢内有被困人员，预警升级', en: 'People are trapped in the car: tier raised' });
  }

  findings.push({
    zh: `本梯统计：近 ${S} 天故障 ${g.own.faultsShort} 次、困人 ${g.own.trappedShort} 次；近 ${L} 天故障 ${g.own.faultsLong} 次（门系统 ${g.own.doorFaultsLong} 次，红色级 ${g.own.severeLong} 次）、困人 ${g.own.trappedLong} 次`,
    en: `This lift: ${g.own.faultsShort} faults and ${g.own.trappedShort} entrapments in ${S} days; ${g.own.faultsLong} faults (${g.own.doorFaultsLong} door, ${g.own.severeLong} red-severity) and ${g.own.trappedLong} entrapments in ${L} days`,
  });
  const reasonsZh = cls.reasons.map((x) => x.zh).join('、');
  const reasonsEn = cls.reasons.map((x) => x.en).join(', ');
  findings.push({
    zh: `分类监管：${CLASS_TEXT[cls.cls].zh}${reasonsZh ? `（${reasonsZh}）` : ''}`,
    en: `Classified supervision: ${CLASS_TEXT[cls.cls].en}${reasonsEn ? ` (${reasonsEn})` : ''}`,
  });
  if (cls.cls === 'C') {
    if (tier !== null && c.classCRaisesTier > 0) {
      tier = raise(tier, c.classCRaisesTier);
      findings.push({
        zh: '重复故障电梯（C 类），预警升级',
        en: 'Repeated-fault lift (class C): tier raised',
      });
    }
    actions.push({
      zh: '列入重点监管：市场监管部门约谈使用单位和维保单位，组织全面检查，必要时安排监督检验或安全评估',
      en: 'Put under key supervision: the market regulator summons the owner and the maintenance company, orders a full inspection and, if needed, a supervisory inspection or safety assessment',
    });
  } else if (cls.cls === 'B') {
    actions.push({
      zh: '加强关注：使用单位和维保单位增加巡查频次，分析故障原因',
      en: 'Closer attention: the owner and the maintenance company inspect more often and analyse the fault causes',
    });
  }
  // The company's English name for English texts (statistics still match on `maintenanceCompany`).
  const companyEn = String(ev.object.attributes.maintenanceCompanyEn ?? co.company);
  findings.push({
    zh: `维保单位“${co.company}”：统计 ${co.lifts} 台电梯，近 ${L} 天故障 ${co.faultsLong} 次、困人 ${co.trappedLong} 次，平均每台故障 ${r2(co.faultRate)} 次，C 类 ${co.classC} 台`,
    en: `Maintenance company "${companyEn}": ${co.lifts} lift(s), ${co.faultsLong} faults and ${co.trappedLong} entrapments in ${L} days, ${r2(co.faultRate)} faults per lift, ${co.classC} in class C`,
  });
  if (judge.companyProblem) {
    findings.push({
      zh: '该维保单位所维保电梯故障率偏高：维保质量问题',
      en: 'The company’s lifts have a high fault rate: a maintenance-quality problem',
    });
    actions.push({
      zh: '市场监管部门对该维保单位开展专项检查，核查维保记录和人员配备',
      en: 'The market regulator inspects the maintenance company: maintenance records and staffing',
    });
  }
  if (judge.liftOutlier)
    findings.push({
      zh: '本梯故障明显多于同单位其他电梯：本梯存在个体缺陷',
      en: 'This lift has far more faults than the company’s other lifts: a defect of this lift',
    });

  return {
    tier,
    findings,
    actions,
    data: {
      eventZh: part.eventZh,
      eventEn: part.eventEn,
      company: co.company || '—',
      companyEn: companyEn || '—',
      regCode: String(ev.object.attributes.registrationCode ?? '—'),
      classZh: CLASS_TEXT[cls.cls].zh,
      classEn: CLASS_TEXT[cls.cls].en,
      shortDays: S,
      longDays: L,
      faultsShort: g.own.faultsShort,
      faultsLong: g.own.faultsLong,
      trappedShort: g.own.trappedShort,
      trappedLong: g.own.trappedLong,
      companyLifts: co.lifts,
      companyRate: r2(co.faultRate),
    },
  };
}
