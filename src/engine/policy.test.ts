import {describe, expect, it} from '@jest/globals';
import {FAKE_CHECKS} from '../../test/helpers/fake-checks.js';
import {parseConfig} from './config.js';
import {UsageError} from '../core/errors.js';
import {parseSelectors, readSelector, resolvePolicy} from './policy.js';

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

/** The stand-ins with CWE and OWASP ids of their own, so that each selector picks a different set. */
const MAPPED = FAKE_CHECKS.map((check, i) => ({
  ...check,
  meta: {...check.meta, cwe: i === 0 ? [319] : [693, 200 + i], owasp: i < 2 ? (['A02:2021', 'A05:2021'] as const) : (['A05:2021'] as const)},
}));

describe('selectors', () => {
  it('select by family, check id, OWASP category and CWE, and skip the same way', () => {
    const only = (list: string, skip?: string) =>
      levels(
        resolvePolicy(undefined, MAPPED, {
          only: parseSelectors(list, MAPPED, '--only'),
          ...(skip ? {skip: parseSelectors(skip, MAPPED, '--skip')} : {}),
        }),
      );
    expect(only('exposure')).toMatchObject({'security-txt': 'warn', hsts: 'off', csp: 'off', cors: 'off', 'server-banner': 'off'});
    expect(only('server-banner,hsts')).toMatchObject({'server-banner': 'warn', hsts: 'error', csp: 'off'});
    expect(only('owasp:A02')).toEqual({hsts: 'error', csp: 'error', cors: 'off', 'server-banner': 'off', 'security-txt': 'off'});
    expect(only('cwe:319')).toEqual({hsts: 'error', csp: 'off', cors: 'off', 'server-banner': 'off', 'security-txt': 'off'});
    expect(only('owasp:A05', 'owasp:A02,cwe:203')).toEqual({hsts: 'off', csp: 'off', cors: 'error', 'server-banner': 'off', 'security-txt': 'warn'});
  });

  it('normalize how a category or CWE is written and drop repeats', () => {
    expect(parseSelectors(' owasp:a05, OWASP:A05:2021 ,,CWE-319, cwe:319, headers', MAPPED, '--only')).toEqual([
      'owasp:A05:2021',
      'cwe:319',
      'headers',
    ]);
  });

  it.each([
    ['an unknown name, with the close one', 'hedaers', /^--only: unknown check selector "hedaers"; did you mean "headers"\?/],
    [
      'a category no check falls under',
      'owasp:A06',
      /^--only: "owasp:A06" \(Vulnerable and Outdated Components\) selects no check; the checks cover owasp:A02, owasp:A05$/,
    ],
    ['a category that does not exist', 'owasp:A11', /^--only: "owasp:A11" is no OWASP Top 10 \(2021\) category/],
    [
      'a CWE no check carries',
      'cwe:79',
      /^--only: "cwe:79" selects no check; the checks cover cwe:201, cwe:202, cwe:203, cwe:204, cwe:319, cwe:693$/,
    ],
    ['an empty list', ' , ', /^--only: no check selector given/],
  ])('refuse %s as a usage error that names it', (_name, list, message) => {
    expect(() => parseSelectors(list, MAPPED, '--only')).toThrow(UsageError);
    expect(() => parseSelectors(list, MAPPED, '--only')).toThrow(message);
  });

  it('are read from the config too, normalized, and a wrong one is named with its line', () => {
    const mapped = (text: string) => parseConfig(text, 'shipcheck.yml', MAPPED, {});
    expect(mapped('only: [owasp:a02, server-banner]').only).toEqual(['owasp:A02:2021', 'server-banner']);
    expect(() => mapped('skip:\n  - tls\n  - hstss')).toThrow('shipcheck.yml:3:5: skip[1]: unknown check selector "hstss"; did you mean "hsts"?');
    expect(readSelector('cwe:319', MAPPED)).toEqual({selector: 'cwe:319'});
  });
});
