/**
 * The SARIF schema in test/fixtures/sarif-schema-2.1.0.json is `sarif-2.1.0.json` as shipped in the
 * npm package @microsoft/sarif-multitool-linux@5.7.0 (MIT; Microsoft's SARIF SDK, whose authors edit
 * the OASIS standard): the 2.1.0 schema in JSON Schema draft 2020-12, the same edition GitHub's
 * codeql-action validates uploads against.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {Ajv2020} from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {demoReport, finding, FIXTURES, HOSTILE, report, result, target} from '../../test/helpers/reports.js';
import {formatSarif} from './sarif.js';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: {text: string};
  locations: {physicalLocation: {artifactLocation: {uri: string}; region: {startLine: number}}}[];
  partialFingerprints: Record<string, string>;
  baselineState?: string;
  suppressions?: {kind: string; justification: string}[];
  properties: {target: string; page?: string; url: string; blocking: boolean};
}
interface SarifRule {
  id: string;
  shortDescription: {text: string};
  help: {text: string; markdown: string};
  defaultConfiguration: {level: string};
  properties: {'security-severity': string; tags: string[]};
}
interface SarifLog {
  version: string;
  runs: {
    tool: {driver: {name: string; version: string; rules: SarifRule[]}};
    invocations: {toolExecutionNotifications?: {level: string; message: {text: string}}[]}[];
    results: SarifResult[];
  }[];
}

const schema = JSON.parse(readFileSync(join(FIXTURES, 'sarif-schema-2.1.0.json'), 'utf8')) as object;
const validate = addFormats.default(new Ajv2020({allErrors: true, strict: false})).compile(schema);
const DEFAULT = {file: 'shipcheck.yml', line: 3};

const sarif = (r: Parameters<typeof formatSarif>[0], defaultLocation = DEFAULT): SarifLog =>
  JSON.parse(formatSarif(r, {defaultLocation})) as SarifLog;

function expectValid(log: SarifLog): void {
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

describe('formatSarif on the demo report', () => {
  const log = sarif(demoReport());
  const run = log.runs[0]!;

  it('is valid against the SARIF 2.1.0 schema', () => {
    expectValid(log);
  });

  it('has one run whose driver is shipcheck, with a rule for each check that did not pass', () => {
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({name: 'shipcheck', version: '0.1.0'});
    expect(run.tool.driver.rules.map((r) => r.id).sort()).toEqual(
      demoReport()
        .targets[0]!.results.filter((r) => r.status !== 'pass')
        .map((r) => r.id)
        .sort(),
    );
  });

  it('gives every rule GitHub’s security-severity, the security tag and the family', () => {
    const csp = run.tool.driver.rules.find((r) => r.id === 'csp')!;
    expect(csp.properties).toEqual({'security-severity': '8.0', tags: ['security', 'headers'], precision: 'high'});
    expect(csp.shortDescription.text).toBe('Content-Security-Policy does not stop injected scripts');
    expect(csp.help.markdown).toContain('`add_header Content-Security-Policy');
    expect(csp.defaultConfiguration.level).toBe('error');
    for (const r of run.tool.driver.rules) expect(Number(r.properties['security-severity'])).toBeGreaterThan(0);
  });

  it('tags a rule with its CWE ids as code scanning reads them and its OWASP Top 10 categories, and lists both as properties', () => {
    const log = sarif(report([target([result({cwe: [79, 693], owasp: ['A05:2021', 'A03:2021']})])]));
    const hsts = log.runs[0]!.tool.driver.rules[0]!;
    expect(hsts.properties).toEqual({
      'security-severity': '8.0',
      tags: ['security', 'hsts', 'external/cwe/cwe-079', 'external/cwe/cwe-693', 'owasp-a05:2021', 'owasp-a03:2021'],
      precision: 'high',
      cwe: ['CWE-79', 'CWE-693'],
      owasp: ['A05:2021', 'A03:2021'],
    });
    expectValid(log);
  });

  it('anchors every result to the default location, with its rule index and the page it is about', () => {
    expect(run.results.length).toBeGreaterThan(0);
    for (const r of run.results) {
      expect(r.locations[0]!.physicalLocation).toEqual({artifactLocation: {uri: 'shipcheck.yml'}, region: {startLine: 3}});
      expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(r.message.text.startsWith(r.properties.url)).toBe(true);
    }
  });

  it('reports no passing check, and one result per check, message id and page', () => {
    expect(run.results.some((r) => r.ruleId === 'x-content-type-options')).toBe(false);
    // tls-ciphers: six suites outside the profile and four CBC suites: two problems, two alerts.
    expect(run.results.filter((r) => r.ruleId === 'tls-ciphers').map((r) => r.level)).toEqual(['warning', 'error']);
    // csp: three message ids on two pages.
    expect(run.results.filter((r) => r.ruleId === 'csp')).toHaveLength(6);
    const fingerprints = run.results.map((r) => r.partialFingerprints['shipcheckFinding/v1']);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });
});

describe('formatSarif locations and levels', () => {
  it('uses the line that names the target when the report has it, encoding the path as a URI', () => {
    const named = target([result()], {source: {file: '.github/workflows/deploy preview.yml', line: 14}});
    const log = sarif(report([named, target([result()], {url: 'https://other.example/'})]));
    expectValid(log);
    expect(log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation)).toEqual([
      {artifactLocation: {uri: '.github/workflows/deploy%20preview.yml'}, region: {startLine: 14}},
      {artifactLocation: {uri: 'shipcheck.yml'}, region: {startLine: 3}},
    ]);
  });

  it('maps fail to error only when it gates (warning at level warn), warn to warning, an inconclusive check to note', () => {
    const log = sarif(
      report([
        target([
          result({id: 'a'}),
          result({id: 'b', level: 'warn'}),
          result({id: 'c', status: 'warn', findings: [finding({kind: 'warn'})]}),
          result({id: 'd', status: 'error', findings: [finding({kind: 'error', messageId: 'probe-failed'})]}),
          result({id: 'e', status: 'error', findings: []}),
          result({id: 'f', status: 'skipped', findings: []}),
          result({id: 'g', level: 'off'}),
        ]),
      ]),
    );
    expectValid(log);
    expect(log.runs[0]!.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['a', 'error'],
      ['b', 'warning'],
      ['c', 'warning'],
      ['d', 'note'],
      ['e', 'note'],
    ]);
  });

  it('marks waived results as suppressed and baseline results as new or unchanged', () => {
    const waiver = {check: 'hsts', reason: 'CDN migration', expires: '2099-01-01', expired: false};
    const log = sarif(report([target([result({waiver}), result({id: 'csp', baseline: 'known'}), result({id: 'cors', baseline: 'new'})])]));
    expectValid(log);
    const [waived, known, fresh] = log.runs[0]!.results;
    expect(waived!.suppressions).toEqual([{kind: 'external', status: 'accepted', justification: 'CDN migration (until 2099-01-01)'}]);
    expect(waived!.properties.blocking).toBe(false);
    // Neither gates, so neither is an error; the new failure does.
    expect([waived!.level, known!.level, fresh!.level]).toEqual(['warning', 'warning', 'error']);
    expect(known!.properties.blocking).toBe(false);
    expect(known!.baselineState).toBe('unchanged');
    expect(fresh!.baselineState).toBe('new');
  });
});

describe('formatSarif notifications', () => {
  it('tells that a target could not be reached or was not judged, as error notifications on the run', () => {
    const log = sarif(
      report([
        target([result({status: 'error', level: 'warn'})], {
          notJudged: 'the page answered [503](https://evil.example/)',
          certificateRejected: 'expired on 2025-01-01',
        }),
        target([], {url: 'https://gone.example/', unreachable: {code: 'dns', message: 'no such host'}}),
      ]),
    );
    expectValid(log);
    expect(log.runs[0]!.invocations[0]!.toolExecutionNotifications).toEqual([
      {level: 'error', message: {text: 'https://app.example.com/ was not judged: the page answered \\[503\\](https://evil.example/)'}},
      {level: 'error', message: {text: 'https://gone.example/ could not be reached: no such host'}},
    ]);
    expect(log.runs[0]!.results.map((r) => r.level)).toEqual(['warning']);
  });
});

describe('formatSarif fingerprints', () => {
  const withEvidence = (path: string, page = '/') =>
    report([target([result({id: 'error-disclosure', findings: [finding({messageId: 'stack-trace', page, evidence: {probe: path}})]})])]);
  const print = (log: SarifLog): string => log.runs[0]!.results[0]!.partialFingerprints['shipcheckFinding/v1']!;

  it('are the same across runs whose evidence differs (random probe paths)', () => {
    expect(print(sarif(withEvidence('/shipcheck-2febc0b12f832d27')))).toBe(print(sarif(withEvidence('/shipcheck-91aa03c4e1d2b7f0'))));
  });

  it('depend on the target’s origin, the message id and the page, not on the rest of its URL', () => {
    const base = print(sarif(withEvidence('/x')));
    const moved = report([
      target([result({id: 'error-disclosure', findings: [finding({messageId: 'stack-trace', evidence: {}})]})], {
        url: 'https://app.example.com/home',
      }),
    ]);
    expect(print(sarif(moved))).toBe(base);
    expect(print(sarif(withEvidence('/x', '/login')))).not.toBe(base);
    const otherHost = report([
      target([result({id: 'error-disclosure', findings: [finding({messageId: 'stack-trace'})]})], {url: 'https://staging.example.com/'}),
    ]);
    expect(print(sarif(otherHost))).not.toBe(base);
  });
});

describe('formatSarif escaping', () => {
  it('keeps hostile text plain: no control characters, no embedded links, capped', () => {
    const long = `${HOSTILE} ${'x'.repeat(5000)}`;
    const log = sarif(report([target([result({title: HOSTILE, findings: [finding({message: long})]})])]));
    expectValid(log);
    const text = log.runs[0]!.results[0]!.message.text;
    // eslint-disable-next-line no-control-regex -- the test asserts that control characters are gone
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e\u2066]/);
    expect(text).not.toMatch(/(?<!\\)\[/);
    expect(text).toContain('\\[click\\](https://evil.example/x)');
    expect(text.length).toBeLessThan(1400);
  });
});
