import { assertScenario, loadFixtures } from '@fenghuo/sdk/testing';
import { describe, it } from 'vitest';
import plugin from '../src/index.js';

describe('earthquake-geohazard scenarios', () => {
  for (const f of loadFixtures(new URL('./fixtures', import.meta.url)))
    it(f.name, () => assertScenario(plugin, f));
});
