/**
 * What `fenghuo plugin init` writes: a small but real plugin of each kind, with a test, a fixture and a
 * README, that passes `fenghuo plugin test` and `vitest run` as it is.
 *
 * - risk type: flooding of a road underpass (下穿通道积水) — water depth tiers, an analysis that reads
 *   the recent curve and the protection targets nearby;
 * - sensor: a water-depth gauge that sends 4-byte binary frames.
 */
import type { PluginKind } from '../bundle/manifest.js';
import { defaultSdkRange } from '../bundle/semver.js';
import { SDK_VERSION } from '../bundle/version.js';

/**
 * The files of a new plugin, by path relative to its folder.
 *
 * @example
 * const files: Scaffold = scaffold('acme-level', 'sensor');
 * files['src/index.ts']; // 'export default defineSensor({ …'
 */
export type Scaffold = Record<string, string>;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function packageJson(id: string, kind: PluginKind): string {
  return json({
    name: `fenghuo-plugin-${id}`,
    version: '0.1.0',
    private: true,
    type: 'module',
    exports: { '.': './src/index.ts' },
    fenghuo: { kind },
    scripts: { test: 'vitest run', 'fenghuo:test': 'fenghuo plugin test' },
    dependencies: { '@fenghuo/sdk': defaultSdkRange(SDK_VERSION) },
    devDependencies: { '@types/node': '^20.19.0', typescript: '~5.9.3', vitest: '^4.1.12' },
  });
}

const TSCONFIG = json({
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022'],
    module: 'preserve',
    moduleResolution: 'bundler',
    types: ['node'],
    strict: true,
    noUncheckedIndexedAccess: true,
    verbatimModuleSyntax: true,
    skipLibCheck: true,
    noEmit: true,
  },
  include: ['src', 'test', 'vitest.config.ts'],
});

const VITEST_CONFIG = `import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } });
`;

const GITIGNORE = `node_modules/
dist/
# 私钥切勿提交 / never commit a private key
*.pem
!*.pub.pem
`;

function riskTypeIndex(id: string): string {
  return `/**
 * 下穿通道积水 — flooding of a road underpass.
 *
 * A gauge in the underpass measures the water depth. The platform raises an alarm from the tiers below;
 * on every alarm \`analyze\` reads the recent curve, escalates one tier when the water rises fast, and
 * lists the protection targets nearby. Replace the monitored thing, the tiers and the analysis with your
 * own; keep the shape.
 */
import { type AffectedTarget, defineRiskType, type Tier, Type } from '@fenghuo/sdk';

const TIERS: Tier[] = ['blue', 'yellow', 'orange', 'red'];
const round1 = (n: number) => Math.round(n * 10) / 10;

export default defineRiskType({
  id: '${id}',
  version: '0.1.0',
  domain: 'natural',
  name: { zh: '下穿通道积水', en: 'Underpass flooding' },
  objects: {
    underpass: {
      name: { zh: '下穿通道', en: 'Road underpass' },
      attributes: Type.Object({
        clearanceM: Type.Number({ minimum: 0, description: '净高（米） / clearance (m)' }),
      }),
    },
  },
  metrics: {
    water_depth: {
      schema: Type.Number({ minimum: 0, maximum: 500 }),
      unit: 'cm',
      name: { zh: '积水深度', en: 'Water depth' },
      intervalSec: 60,
    },
  },
  thresholds: {
    water_depth: {
      direction: 'rising',
      levels: { alarm: 5, blue: 15, yellow: 27, orange: 40, red: 50 },
      hysteresis: 2,
      source: { basis: '示例取值，请按当地规定复核 / example values, review them against local rules', assumed: true },
    },
  },
  config: Type.Object({
    radiusM: Type.Number({ minimum: 0, maximum: 5000, title: '防护目标搜索半径（米） / search radius for protection targets (m)' }),
    fastRiseCmPerMin: Type.Number({ exclusiveMinimum: 0, title: '快速上涨（厘米/分钟） / fast rise (cm/min)' }),
  }),
  defaults: { radiusM: 300, fastRiseCmPerMin: 1 },
  async analyze(event, ctx, config) {
    if (event.level === 'alarm') {
      return {
        tier: null,
        findings: [{ zh: \`积水 \${event.value} cm，未达预警线\`, en: \`Water at \${event.value} cm, below the warning tiers\` }],
        actions: [{ zh: '通知养护单位现场查看', en: 'Ask the maintenance unit to check on site' }],
      };
    }
    // The curve of the last readings (oldest first): how fast is the water rising?
    const recent = await ctx.history(event.sensor.id, event.metric, { limit: 10 });
    const first = recent[0];
    const minutes = first ? (Date.parse(event.ts) - Date.parse(first.ts)) / 60_000 : 0;
    const risePerMin = first && minutes > 0 ? (event.value - first.value) / minutes : 0;
    const fast = risePerMin >= config.fastRiseCmPerMin;
    const tier = fast ? TIERS[Math.min(TIERS.indexOf(event.level) + 1, TIERS.length - 1)]! : event.level;
    const nearby = await ctx.within(config.radiusM, { roles: ['target'] });
    const targets: AffectedTarget[] = nearby.map((o) => ({
      id: o.id,
      kind: o.kind,
      role: o.role,
      name: o.name,
      distanceM: Math.round(o.distanceM ?? 0),
    }));
    return {
      tier,
      impactRadiusM: config.radiusM,
      targets,
      findings: [
        { zh: \`积水深度 \${event.value} cm\`, en: \`Water depth \${event.value} cm\` },
        ...(fast
          ? [{ zh: \`水位快速上涨，每分钟 \${round1(risePerMin)} cm\`, en: \`Water rising fast, \${round1(risePerMin)} cm per minute\` }]
          : []),
      ],
      actions: [
        { zh: '封闭下穿通道并设置绕行', en: 'Close the underpass and sign a detour' },
        { zh: '启动排水泵站', en: 'Start the drainage pumps' },
      ],
      data: { risePerMin: round1(risePerMin) },
    };
  },
  warning: {
    title: { zh: '{{object}}积水{{tierZh}}', en: '{{tierEn}}: flooding at {{objectEn}}' },
    body: {
      zh: '{{object}}{{metric}} {{value}} {{unit}}，每分钟上涨 {{risePerMin}} cm。{{radius}} 米内防护目标：{{targetsZh}}。',
      en: '{{metricEn}} at {{objectEn}}: {{value}} {{unit}}, rising {{risePerMin}} cm per minute. Protection targets within {{radius}} m: {{targetsEn}}.',
    },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});
`;
}

const RISK_FIXTURE = json({
  name: 'water rising fast in the underpass raises an alarm up to yellow and an orange warning that lists the school nearby',
  objects: [
    {
      id: 'UP-1',
      kind: 'underpass',
      role: 'monitored',
      name: { zh: '解放路下穿通道', en: 'Jiefang Road underpass' },
      geometry: { type: 'Point', coordinates: [120.15, 30.27] },
      attributes: { clearanceM: 3.2 },
    },
    {
      id: 'SCH-1',
      kind: 'school',
      role: 'target',
      name: { zh: '解放路小学', en: 'Jiefang Road Primary School' },
      geometry: { type: 'Point', coordinates: [120.151, 30.2705] },
    },
  ],
  sensors: [{ id: 'WL-1', objectId: 'UP-1', metrics: ['water_depth'], location: [120.15, 30.27] }],
  readings: [
    { sensor: 'WL-1', ts: '2026-07-01T08:00:00Z', values: { water_depth: 2 } },
    { sensor: 'WL-1', ts: '2026-07-01T08:01:00Z', values: { water_depth: 4 } },
    { sensor: 'WL-1', ts: '2026-07-01T08:02:00Z', values: { water_depth: 8 } },
    { sensor: 'WL-1', ts: '2026-07-01T08:03:00Z', values: { water_depth: 16 } },
    { sensor: 'WL-1', ts: '2026-07-01T08:04:00Z', values: { water_depth: 22 } },
    { sensor: 'WL-1', ts: '2026-07-01T08:05:00Z', values: { water_depth: 29 } },
  ],
  expect: {
    alarms: [{ sensor: 'WL-1', metric: 'water_depth', maxLevel: 'yellow', status: 'open' }],
    warnings: [
      { object: 'UP-1', tier: 'orange', targets: ['SCH-1'], findingsInclude: ['Water rising fast'] },
    ],
  },
});

const RISK_TEST = `import { assertScenario, loadFixtures } from '@fenghuo/sdk/testing';
import { describe, it } from 'vitest';
import plugin from '../src/index.js';

describe(\`\${plugin.id} scenarios\`, () => {
  for (const f of loadFixtures(new URL('./fixtures', import.meta.url))) it(f.name, () => assertScenario(plugin, f));
});
`;

function sensorIndex(id: string): string {
  return `/**
 * A water-depth gauge that sends 4-byte binary frames (LoRaWAN style):
 *
 *   byte 0     frame type, 0x01 = measurement
 *   bytes 1–2  water depth, unsigned 16-bit big-endian, in millimetres
 *   byte 3     battery, percent
 *
 * \`decode\` turns one frame into one reading of catalogue metrics; the platform adds the time it
 * received the frame when a reading has no \`ts\`. The metric keys must be those of the risk type the
 * city binds the gauge to. Replace the frame layout with your device's own.
 */
import { defineSensor, Type } from '@fenghuo/sdk';

const MEASUREMENT = 0x01;

export default defineSensor({
  id: '${id}',
  version: '0.1.0',
  vendor: 'ACME',
  model: 'WL-100',
  metrics: {
    water_depth: {
      schema: Type.Number({ minimum: 0, maximum: 500 }),
      unit: 'cm',
      name: { zh: '积水深度', en: 'Water depth' },
      intervalSec: 60,
    },
    battery: {
      schema: Type.Number({ minimum: 0, maximum: 100 }),
      unit: '%',
      name: { zh: '电池电量', en: 'Battery' },
      intervalSec: 3600,
    },
  },
  decode(payload) {
    // The sandbox hands bytes over as a Uint8Array of its own; ArrayBuffer.isView works across realms.
    if (!ArrayBuffer.isView(payload)) throw new Error('expected a binary frame');
    const bytes = new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
    if (bytes.length !== 4) throw new Error(\`expected 4 bytes, got \${bytes.length}\`);
    if (bytes[0] !== MEASUREMENT) throw new Error(\`unknown frame type 0x\${bytes[0]!.toString(16).padStart(2, '0')}\`);
    const depthMm = (bytes[1]! << 8) | bytes[2]!;
    return [{ values: { water_depth: depthMm / 10, battery: bytes[3]! } }];
  },
});
`;
}

const SENSOR_FIXTURE = json({
  name: 'a measurement frame of 300 mm and 90 % battery decodes to 30 cm of water',
  payload: Buffer.from([0x01, 0x01, 0x2c, 0x5a]).toString('base64'),
  expect: [{ values: { water_depth: 30, battery: 90 } }],
});

const SENSOR_GARBAGE_FIXTURE = json({
  name: 'a frame of the wrong length is refused',
  payload: Buffer.from([0x01, 0x02]).toString('base64'),
  expect: { error: 'expected 4 bytes' },
});

const SENSOR_TEST = `import { assertSensorFixture, loadSensorFixtures } from '@fenghuo/sdk/testing';
import { describe, it } from 'vitest';
import plugin from '../src/index.js';

// The same fixtures, judged the same way, as \`fenghuo plugin test\` (which runs them on the packed bundle
// in the platform's sandbox); here they run on the source, for a fast edit-test loop and a debugger.
describe(\`\${plugin.id} decode\`, () => {
  for (const f of loadSensorFixtures(new URL('./fixtures/', import.meta.url))) {
    it(f.name, () => assertSensorFixture(plugin, f));
  }
});
`;

function readme(id: string, kind: PluginKind): string {
  const what =
    kind === 'risk-type'
      ? '风险类型插件（示例：下穿通道积水）/ a risk-type plugin (example: underpass flooding)'
      : '传感器插件（示例：二进制帧水位计）/ a sensor plugin (example: a water-depth gauge sending binary frames)';
  const fixtures =
    kind === 'risk-type'
      ? '`test/fixtures/*.json`：场景用例，读数输入、报警与预警期望 / scenarios: readings in, alarms and warnings expected (see the Fenghuo plugin guide, §9)'
      : '`test/fixtures/*.json`：`{ name, payload, expect }` — `payload` 为 base64 字节或 JSON，`expect` 为期望读数或 `{ "error": "…" }` / `payload` is base64 bytes or JSON; `expect` the readings expected, or `{ "error": "…" }` when decode must refuse it';
  return `# ${id}

${what}

## 开发 / Develop

\`\`\`sh
npm install                 # 安装 @fenghuo/sdk 与 vitest / install @fenghuo/sdk and vitest
npx vitest run              # 单元测试 / unit tests
npx fenghuo plugin test     # 在打包后的隔离环境中运行用例 / run the fixtures against the built bundle, in the platform's isolated-vm sandbox
\`\`\`

- \`src/index.ts\`：插件定义 / the definition (default export)
- ${fixtures}

## 打包与发布 / Pack and publish

\`\`\`sh
npx fenghuo keys generate --out ~/.fenghuo          # 一次即可，私钥妥善保管 / once; keep the private key secret
npx fenghuo plugin pack --key ~/.fenghuo/fenghuo-key.pem --publisher "你的单位 / Your company"
npx fenghuo plugin publish --server https://fenghuo.example.gov.cn --token $FENGHUO_TOKEN
\`\`\`

\`pack\` 在 \`dist/\` 写出 \`${id}-<version>.fhp.js\`（单文件包）与 \`${id}-<version>.manifest.json\`（已签名清单）。
平台须把你的公钥 \`fenghuo-key.pub.pem\` 加入受信任密钥才会安装。
/ \`pack\` writes \`${id}-<version>.fhp.js\` (the bundle) and \`${id}-<version>.manifest.json\` (the signed
manifest) to \`dist/\`. A platform installs it only once your public key \`fenghuo-key.pub.pem\` is among its
trusted keys.
`;
}

/**
 * The files of a new plugin package.
 *
 * @example
 * Object.keys(scaffold('underpass-flood', 'risk-type'));
 * // ['package.json', 'tsconfig.json', 'vitest.config.ts', '.gitignore', 'README.md', 'src/index.ts', 'test/scenarios.test.ts', 'test/fixtures/rising-water.json']
 */
export function scaffold(id: string, kind: PluginKind): Scaffold {
  const common = {
    'package.json': packageJson(id, kind),
    'tsconfig.json': TSCONFIG,
    'vitest.config.ts': VITEST_CONFIG,
    '.gitignore': GITIGNORE,
    'README.md': readme(id, kind),
  };
  if (kind === 'risk-type') {
    return {
      ...common,
      'src/index.ts': riskTypeIndex(id),
      'test/scenarios.test.ts': RISK_TEST,
      'test/fixtures/rising-water.json': RISK_FIXTURE,
    };
  }
  return {
    ...common,
    'src/index.ts': sensorIndex(id),
    'test/decode.test.ts': SENSOR_TEST,
    'test/fixtures/measurement.json': SENSOR_FIXTURE,
    'test/fixtures/short-frame.json': SENSOR_GARBAGE_FIXTURE,
  };
}
