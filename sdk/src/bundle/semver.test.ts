import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  defaultSdkRange,
  isSupportedRange,
  parseRange,
  parseVersion,
  satisfies,
} from './semver.js';

describe('semver ranges of the manifest', () => {
  it('accepts a caret range up to the next major, and below 1.0.0 up to the next minor or patch', () => {
    expect(satisfies('1.2.3', '^1.2.3')).toBe(true);
    expect(satisfies('1.9.0', '^1.2.3')).toBe(true);
    expect(satisfies('2.0.0', '^1.2.3')).toBe(false);
    expect(satisfies('1.2.2', '^1.2.3')).toBe(false);
    expect(satisfies('0.1.9', '^0.1.0')).toBe(true);
    expect(satisfies('0.2.0', '^0.1.0')).toBe(false);
    expect(satisfies('0.0.3', '^0.0.3')).toBe(true);
    expect(satisfies('0.0.4', '^0.0.3')).toBe(false);
  });

  it('accepts a tilde range up to the next minor', () => {
    expect(satisfies('1.2.9', '~1.2.3')).toBe(true);
    expect(satisfies('1.3.0', '~1.2.3')).toBe(false);
    expect(satisfies('0.1.5', '~0.1.0')).toBe(true);
  });

  it('requires every comparator of a set and any set of an alternative', () => {
    expect(satisfies('0.2.5', '>=0.1.0 <0.3.0')).toBe(true);
    expect(satisfies('0.3.0', '>=0.1.0 <0.3.0')).toBe(false);
    expect(satisfies('0.0.9', '>=0.1.0 <0.3.0')).toBe(false);
    expect(satisfies('2.1.0', '^1.0.0 || ^2.0.0')).toBe(true);
    expect(satisfies('3.0.0', '^1.0.0 || ^2.0.0')).toBe(false);
    expect(satisfies('1.0.0', '>1.0.0')).toBe(false);
    expect(satisfies('1.0.0', '<=1.0.0')).toBe(true);
  });

  it('matches an exact version only to itself, ignoring build metadata', () => {
    expect(satisfies('1.2.3', '1.2.3')).toBe(true);
    expect(satisfies('1.2.3', '=1.2.3')).toBe(true);
    expect(satisfies('1.2.4', '1.2.3')).toBe(false);
    expect(satisfies('1.2.3+build.7', '1.2.3')).toBe(true);
  });

  it('lets a pre-release satisfy a range only through a comparator with a pre-release of the same version', () => {
    expect(satisfies('1.3.0-beta.1', '^1.2.0')).toBe(false);
    expect(satisfies('1.2.0-beta.2', '^1.2.0-beta.1')).toBe(true);
    expect(satisfies('1.2.0-alpha', '^1.2.0-beta.1')).toBe(false);
    expect(satisfies('1.2.0', '^1.2.0-beta.1')).toBe(true);
  });

  it('orders versions by SemVer precedence, pre-releases before their release', () => {
    const sorted = [
      '1.0.0',
      '1.0.0-rc.1',
      '1.0.0-beta.11',
      '1.0.0-beta.2',
      '1.0.0-alpha',
      '0.9.10',
      '0.9.9',
    ].sort(compareVersions);
    expect(sorted).toEqual([
      '0.9.9',
      '0.9.10',
      '1.0.0-alpha',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
    ]);
    expect(compareVersions('1.0.0-alpha.1', '1.0.0-alpha.beta')).toBe(-1);
  });

  it('refuses partial versions, wildcards and hyphen ranges with FH_SDK_RANGE_INVALID', () => {
    for (const range of ['1.x', '^1.2', '*', '1.0.0 - 2.0.0', '', '>= 1.0.0', '^1.0.0 ||', 'latest']) {
      expect(isSupportedRange(range), range).toBe(false);
      expect(() => parseRange(range), range).toThrow(
        expect.objectContaining({ code: 'FH_SDK_RANGE_INVALID' }),
      );
    }
    expect(() => satisfies('1.0', '^1.0.0')).toThrow(
      expect.objectContaining({ code: 'FH_SDK_VERSION_NOT_SEMVER' }),
    );
  });

  it('parses a version with its pre-release identifiers, numeric ones as numbers', () => {
    expect(parseVersion('1.2.0-beta.1')).toEqual({ major: 1, minor: 2, patch: 0, prerelease: ['beta', 1] });
    expect(parseVersion('01.2.3')).toBeNull();
  });

  it('defaults a plugin to the caret range of the packing SDK major.minor', () => {
    expect(defaultSdkRange('0.1.3')).toBe('^0.1.0');
    expect(defaultSdkRange('2.4.0-rc.1')).toBe('^2.4.0');
    expect(satisfies('0.1.7', defaultSdkRange('0.1.3'))).toBe(true);
  });
});
