import { haversineM } from '@fenghuo/sdk';
import { describe, expect, it } from 'vitest';
import { defaults } from './definition.js';
import { type GridObject, idw, peopleOf, riskClass, riskGrid, vulnerabilityOf } from './grid.js';

const obj = (
  id: string,
  kind: string,
  at: [number, number],
  attributes: Record<string, unknown> = {},
): GridObject => ({
  id,
  kind,
  name: { zh: id, en: id },
  at,
  attributes,
});

describe('exposure and vulnerability of an object', () => {
  it('takes the population attribute, else the head count of its kind', () => {
    expect(peopleOf(obj('a', 'coastal_district', [0, 0], { population: 1234 }), defaults)).toBe(1234);
    expect(peopleOf(obj('s', 'school', [0, 0]), defaults)).toBe(1000);
    expect(peopleOf(obj('x', 'unknown', [0, 0]), defaults)).toBe(0);
  });

  it('takes its own vulnerability, else by structure type, else by kind, else the default', () => {
    expect(vulnerabilityOf(obj('a', 'school', [0, 0], { vulnerability: 0.2 }), defaults)).toBe(0.2);
    expect(
      vulnerabilityOf(obj('b', 'exposed_structure', [0, 0], { structureType: 'tower_crane' }), defaults),
    ).toBe(0.9);
    expect(vulnerabilityOf(obj('c', 'elderly_home', [0, 0]), defaults)).toBe(0.8);
    expect(vulnerabilityOf(obj('d', 'other', [0, 0]), defaults)).toBe(0.5);
  });
});

describe('riskGrid', () => {
  it('scores each occupied cell as hazard × exposure × vulnerability and ranks the riskiest first', () => {
    const objs = [
      obj('dense', 'coastal_district', [121.6, 29.9], { population: 10_000, vulnerability: 0.4 }),
      obj('fragile', 'coastal_district', [121.65, 29.9], { population: 5000, vulnerability: 0.8 }),
      obj('empty', 'coastal_district', [121.7, 29.9], { population: 0, vulnerability: 1 }),
    ];
    const g = riskGrid(
      objs,
      () => 41.5,
      () => 0,
      defaults,
    );
    expect(g.cells).toHaveLength(3);
    // hazard = (0.7 × 1 + 0.3 × 0) / 1 = 0.7
    expect(g.cells[0]?.objects[0]?.id).toBe('fragile');
    expect(g.cells[0]?.risk).toBeCloseTo(0.7 * 1 * 0.8, 6);
    expect(g.cells[1]?.risk).toBeCloseTo(0.7 * 1 * 0.4, 6);
    expect(g.cells[2]?.risk).toBe(0);
  });

  it('puts objects of one cell together and averages their vulnerability', () => {
    const objs = [
      obj('a', 'school', [121.6, 29.9], { vulnerability: 0.6 }),
      obj('b', 'elderly_home', [121.6001, 29.9001], { vulnerability: 0.8 }),
    ];
    const g = riskGrid(
      objs,
      () => 20,
      () => 125,
      defaults,
    );
    expect(g.cells).toHaveLength(1);
    expect(g.cells[0]?.people).toBe(1150);
    expect(g.cells[0]?.vulnerability).toBeCloseTo(0.7, 6);
    expect(g.cells[0]?.hazard).toBeCloseTo(0.7 * (20 / 41.5) + 0.3 * 0.5, 6);
  });

  it('enlarges the cell when the box would need more than maxCells', () => {
    const objs = [obj('a', 'school', [120, 29]), obj('b', 'school', [121, 30])];
    const g = riskGrid(
      objs,
      () => 0,
      () => 0,
      { ...defaults, grid: { ...defaults.grid, maxCells: 100 } },
    );
    expect(g.cols * g.rows).toBeLessThanOrEqual(100);
    expect(g.cellSizeM).toBeGreaterThan(defaults.grid.cellSizeM);
  });

  it('classes scores by the breaks', () => {
    expect(riskClass(0.01, defaults.grid.classBreaks)).toBe(1);
    expect(riskClass(0.3, defaults.grid.classBreaks)).toBe(4);
    expect(riskClass(0.9, defaults.grid.classBreaks)).toBe(5);
  });
});

describe('idw', () => {
  it('weights stations by inverse distance squared within the radius', () => {
    const st = [
      { at: [121, 30] as [number, number], value: 100 },
      { at: [121.2, 30] as [number, number], value: 0 },
    ];
    const mid = idw([121.1, 30], st, 50_000, haversineM, -1);
    expect(mid).toBeCloseTo(50, 3);
    expect(idw([121, 30], st, 50_000, haversineM, -1)).toBe(100);
    expect(idw([125, 30], st, 50_000, haversineM, -1)).toBe(-1);
  });
});
