import {describe, expect, it} from '@jest/globals';
import {FAKE_CHECKS} from '../../test/helpers/fake-checks.js';
import {parseConfig} from './config.js';
import {UsageError} from '../core/errors.js';
import {parseFamilies, resolvePolicy} from './policy.js';

const config = (text: string) => parseConfig(text, 'shipcheck.yml', FAKE_CHECKS, {});
const levels = (policy: ReturnType<typeof resolvePolicy>) => Object.fromEntries([...policy].map(([id, p]) => [id, p.level]));

describe('resolvePolicy', () => {
  it('without a config, takes levels from severity and the default options', () => {
    const policy = resolvePolicy(undefined, FAKE_CHECKS);
    expect(levels(policy)).toEqual({hsts: 'error', csp: 'error', cors: 'error', 'server-banner': 'warn', 'security-txt': 'warn'});
    expect(policy.get('hsts')?.options).toEqual({minMaxAge: 15_768_000, requirePreload: false});
    expect(policy.get('cors')?.options).toEqual({});
  });

  it('does not share option objects with the checks', () => {
    const options = resolvePolicy(undefined, FAKE_CHECKS).get('csp')?.options;
    expect(options).toEqual(FAKE_CHECKS[1]?.defaultOptions);
    expect(options).not.toBe(FAKE_CHECKS[1]?.defaultOptions);
  });

  it('with the strict preset, sets every check to error with its strict options', () => {
    const policy = resolvePolicy(config('preset: strict'), FAKE_CHECKS);
    expect(new Set(Object.values(levels(policy)))).toEqual(new Set(['error']));
    expect(policy.get('hsts')?.options).toEqual({minMaxAge: 31_536_000, requirePreload: true});
    expect(policy.get('csp')?.options).toEqual({allowUnsafeEval: false, allowedHosts: []});
  });

  it('lets the preset override win over the config preset', () => {
    expect(resolvePolicy(config('preset: strict'), FAKE_CHECKS, {preset: 'recommended'}).get('server-banner')?.level).toBe('warn');
    expect(resolvePolicy(config(''), FAKE_CHECKS, {preset: 'strict'}).get('server-banner')?.level).toBe('error');
  });

  it("applies the config's check entries over the preset, options merged over the preset's", () => {
    const policy = resolvePolicy(
      config('preset: strict\nchecks:\n  hsts: [warn, {minMaxAge: 100}]\n  csp: off\n  server-banner: error'),
      FAKE_CHECKS,
    );
    expect(policy.get('hsts')).toEqual({level: 'warn', options: {minMaxAge: 100, requirePreload: true}});
    expect(policy.get('csp')).toEqual({level: 'off', options: {allowUnsafeEval: false, allowedHosts: []}});
    expect(policy.get('server-banner')?.level).toBe('error');
  });

  it('turns off the checks outside only and inside skip, whatever their entries say', () => {
    const policy = resolvePolicy(config('only: [headers, hsts, disclosure]\nskip: [disclosure]\nchecks: {server-banner: error}'), FAKE_CHECKS);
    expect(levels(policy)).toEqual({hsts: 'error', csp: 'error', cors: 'off', 'server-banner': 'off', 'security-txt': 'off'});
  });

  it("lets the only and skip flags replace the config's", () => {
    const policy = resolvePolicy(config('only: [headers]\nskip: [hsts]'), FAKE_CHECKS, {only: ['hsts', 'cors'], skip: ['cors']});
    expect(levels(policy)).toEqual({hsts: 'error', csp: 'off', cors: 'off', 'server-banner': 'off', 'security-txt': 'off'});
  });

  it('keeps registry order', () => {
    expect([...resolvePolicy(undefined, FAKE_CHECKS).keys()]).toEqual(FAKE_CHECKS.map((c) => c.meta.id));
  });
});

describe('parseFamilies', () => {
  it('reads a comma-separated list, ignoring spaces, empty items and repeats', () => {
    expect(parseFamilies('headers, hsts,,rate-limit,headers')).toEqual(['headers', 'hsts', 'rate-limit']);
  });

  it.each([
    ['an unknown family', 'headers,cookie'],
    ['an empty list', ' , '],
  ])('rejects %s as a usage error', (_name, list) => {
    expect(() => parseFamilies(list)).toThrow(UsageError);
  });
});
