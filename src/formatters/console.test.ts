import {describe, expect, it} from '@jest/globals';
import type {CheckResult, DetectedStack, Report} from '../core/report.js';
import type {Fixes, Stack} from '../core/types.js';
import {demoReport, finding, report, result, target} from '../../test/helpers/reports.js';
import {formatConsole, type ConsoleOptions} from './console.js';
import {terminalSafe} from './escape.js';
import {ANSI_STYLE, PLAIN_STYLE} from './style.js';
import {visibleWidth} from './wrap.js';

/** One target holding these results, with the summary and verdict they give. */
const reportOf = (results: CheckResult[]): Report => report([target(results)]);

const rows = (out: string): string[] => out.replace(/\n$/, '').split('\n');
/** Columns on screen: colour codes take none. */
const columns = visibleWidth;

/** Fixes whose lines are markers, so that a test can tell which were shown. */
const FIXES: Fixes = {generic: 'GENERIC-FIX', stacks: {nginx: 'NGINX-FIX', apache: 'APACHE-FIX', express: 'EXPRESS-FIX'}, note: 'NOTE-FIX'};
const seen = (...stacks: Stack[]): DetectedStack[] => stacks.map((stack) => ({stack, evidence: `server: ${stack}`}));

const render = (r: Report, options: Partial<ConsoleOptions> = {}): string[] =>
  rows(formatConsole(r, PLAIN_STYLE, {width: 100, fixes: 'detected', ...options}));
/** The fix lines of the report: the one after "fix:" and those under it. */
const fixesShown = (lines: string[]): string[] => {
  const at = lines.findIndex((l) => l.trimStart().startsWith('fix:'));
  if (at < 0) return [];
  const more = lines.slice(at + 1).findIndex((l) => !/^ {9}\S/.test(l));
  return lines.slice(at, more < 0 ? undefined : at + 1 + more).map((l) => l.trim().replace(/^fix: /, ''));
};

describe('terminalSafe', () => {
  it.each([
    ['an ANSI colour sequence', 'a\u001b[31mred\u001b[0m', 'ared'],
    ['an OSC title change', 'x\u001b]0;pwned\u0007y', 'xy'],
    ['a C1 control', 'a\u009bb', 'ab'],
    ['bidi overrides', 'abc\u202edcb\u2066', 'abcdcb'],
    ['a carriage return that would overwrite the line', 'ok\rFAIL', 'okFAIL'],
  ])('removes %s', (_name, input, expected) => {
    expect(terminalSafe(input)).toBe(expected);
  });
});

describe('formatConsole', () => {
  it('puts the failure first with one finding and one fix, and the passes on one line per family', () => {
    const lines = render(
      reportOf([
        result({id: 'csp', family: 'headers', status: 'pass', findings: []}),
        result({id: 'x-content-type-options', family: 'headers', status: 'pass', findings: []}),
        result({id: 'tls-protocols', family: 'tls', status: 'pass', findings: []}),
        result(),
      ]),
    );
    expect(lines[1]).toMatch(/^✖ fail .*\[hsts\]$/);
    expect(lines[2]).toMatch(/^ {4}· /);
    expect(lines[3]).toMatch(/^ {4}fix: /);
    expect(lines.filter((l) => l.startsWith('✔ pass')).map((l) => l.split(':')[0])).toEqual(['✔ pass  headers', '✔ pass  tls']);
    expect(lines.at(-1)).toMatch(/→ FAILED \(1 blocking\)$/);
  });

  it('escapes target-controlled text even when colour is on', () => {
    const hostile = result({
      findings: [{messageId: 'disclosed', kind: 'fail', message: 'Server is "\u001b]0;owned\u0007evil\u001b[2J"', evidence: {}}],
    });
    const out = formatConsole(reportOf([hostile]), ANSI_STYLE);
    expect(out).not.toContain('\u001b]0;');
    expect(out).not.toContain('\u001b[2J');
  });

  it('lists a failure at level warn among the warnings, with its level, and passes the run', () => {
    const lines = render(reportOf([result({level: 'warn'})]));
    expect(lines.filter((l) => l.startsWith('! warn  hsts (level warn)'))).toHaveLength(1);
    expect(lines.some((l) => l.includes('✖'))).toBe(false);
    expect(lines.at(-1)).toMatch(/0 failed · 0 inconclusive · 1 warnings .*→ PASSED$/);
  });

  it.each([
    ['waived', {waiver: {check: 'hsts', reason: 'CDN migration', expires: '2099-01-01', expired: false}}, 'waived until 2099-01-01: CDN migration'],
    ['known in the baseline', {baseline: 'known' as const}, 'known in the baseline'],
    ['inconclusive at level warn', {status: 'error' as const, level: 'warn' as const}, 'inconclusive; level warn'],
  ])('shows a failure that does not gate because it is %s as a yellow warning', (_name, over, note) => {
    const out = formatConsole(reportOf([result(over)]), ANSI_STYLE);
    expect(out).toContain(`\u001b[33m! warn \u001b[39m`);
    expect(out).toContain(`hsts (${note})`);
    expect(out).not.toMatch(/[✖?] (fail|error)/);
  });

  it('keeps the red cross and the inconclusive mark for what gates, and gives no fix for what is inconclusive', () => {
    const lines = render(reportOf([result(), result({id: 'csp', status: 'error', findings: [finding({kind: 'error', messageId: 'probe-error'})]})]));
    expect(lines.filter((l) => /^✖ fail .*\[hsts\]$/.test(l))).toHaveLength(2);
    expect(lines.filter((l) => /^\? error .*\[csp\]$/.test(l))).toHaveLength(2);
    expect(lines.filter((l) => l.trimStart().startsWith('fix:'))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/1 failed · 1 inconclusive · 0 warnings .*FAILED \(2 blocking\)$/);
  });

  it('says once per target that it was not judged and that browsers reject its certificate, on one line each and escaped', () => {
    const t = target([result({status: 'error', level: 'warn'})], {
      notJudged: 'every check at level error needs \u001b[2Jthe page,\nwhich answered 503',
      certificateRejected: 'expired on 2025-01-01\u001b]0;owned\u0007',
    });
    const out = formatConsole(report([t]), ANSI_STYLE);
    expect(out.match(/Not judged: /g)).toHaveLength(1);
    expect(out.match(/Certificate rejected by browsers: /g)).toHaveLength(1);
    expect(out).toContain('Not judged: every check at level error needs the page, which answered 503');
    expect(out).not.toContain('\u001b[2J');
    expect(out).not.toContain('\u001b]0;');
    expect(out).toContain('(1 target not judged)');
  });
});

describe('formatConsole fixes', () => {
  const failing = (stacks: DetectedStack[], over: Partial<CheckResult> = {}): Report => report([target([result({fixes: FIXES, ...over})], {stacks})]);

  it.each<[string, DetectedStack[], string[]]>([
    ['nginx detected: the nginx line only', seen('nginx'), ['nginx: NGINX-FIX']],
    ['Express and nginx detected: the first that has a line', seen('express', 'nginx'), ['Express: EXPRESS-FIX']],
    ['a stack without a line, then Apache: Apache', seen('caddy', 'apache'), ['Apache: APACHE-FIX']],
    ['nothing detected: the generic fix', [], ['GENERIC-FIX']],
    ['only stacks without a line: the generic fix', seen('django'), ['GENERIC-FIX']],
  ])('shows one fix: %s', (_name, stacks, shown) => {
    expect(fixesShown(render(failing(stacks)))).toEqual(shown);
  });

  it('shows every fix with --fixes all, whatever was detected', () => {
    expect(fixesShown(render(failing(seen('nginx')), {fixes: 'all'}))).toEqual([
      'GENERIC-FIX',
      'nginx: NGINX-FIX',
      'Apache: APACHE-FIX',
      'Express: EXPRESS-FIX',
      'NOTE-FIX',
    ]);
  });

  it('shows the remediation paragraph of a report saved before fixes had stacks', () => {
    const {fixes: _none, ...old} = result({fixes: FIXES, remediation: 'OLD-REMEDIATION'});
    expect(fixesShown(render(report([target([old], {stacks: seen('nginx')})])))).toEqual(['OLD-REMEDIATION']);
  });

  it('names the stacks it detected in the target heading', () => {
    expect(render(failing(seen('express', 'node')))[0]).toMatch(/ · Express, Node$/);
  });
});

describe('formatConsole folding', () => {
  const attempt = (variant: string, page = '/admin') =>
    finding({messageId: 'served', page, message: `GET ${page} answered HTTP 200 to the ${variant} request.`});

  it('folds repeated findings of one endpoint into one line, and counts what it leaves out on the title', () => {
    const auth = result({
      id: 'auth-required',
      findings: [
        attempt('no-credentials'),
        attempt('invalid-bearer'),
        attempt('alg-none-jwt'),
        finding({messageId: 'refused', kind: 'info', page: '/account', message: 'refused'}),
        attempt('no-credentials', '/staff'),
      ],
    });
    const lines = render(reportOf([auth]));
    const details = lines.filter((l) => l.startsWith('    · '));
    expect(details).toHaveLength(1);
    expect(details[0]).toMatch(/^ {4}· GET \/admin .*\(and 2 more like it\)$/);
    expect(lines[1]).toMatch(/\[auth-required\] · 2 findings$/);
  });

  it('folds one message seen on several pages into one line that names them', () => {
    const message = 'The response has no Referrer-Policy header.';
    const csp = result({id: 'csp', findings: ['/', '/login', '/api'].map((page) => finding({page, message}))});
    const details = render(reportOf([csp])).filter((l) => l.startsWith('    · '));
    expect(details).toEqual([`    · ${message} (on /, /login, /api)`]);
  });
});

describe('formatConsole causes', () => {
  const probeError = (id: string, message: string): CheckResult =>
    result({id, status: 'error', findings: [finding({kind: 'error', messageId: 'probe-error', message})]});

  it('says once that a target is unreachable, however many checks it left without a verdict', () => {
    const ids = Array.from({length: 29}, (_, i) => `check-${i}`);
    const t = target(
      ids.map((id) => probeError(id, `Pages: connect ECONNREFUSED 127.0.0.1:9`)),
      {unreachable: {code: 'connection-refused', message: 'connect ECONNREFUSED 127.0.0.1:9'}},
    );
    const lines = render(report([t]));
    const body = lines.slice(0, lines.indexOf(''));
    expect(body.filter((l) => l.includes('ECONNREFUSED'))).toHaveLength(1);
    // Too many to name one by one: named by family.
    expect(body.join('\n')).toContain('29 checks without a verdict [hsts]');
    expect(lines.filter((l) => l.includes('ECONNREFUSED'))).toHaveLength(2);
    expect(lines.length).toBeLessThan(10);
  });

  it('says a failed handshake once for the checks that needed it, and keeps results of other causes apart', () => {
    const tls = ['tls-protocols', 'tls-ciphers', 'forward-secrecy'].map((id) => probeError(id, 'TlsScan: the TLS handshake failed'));
    const cert = ['certificate-trust', 'certificate-host'].map((id) => probeError(id, 'TlsCertificate: the TLS handshake failed'));
    const lines = render(reportOf([...tls, ...cert, probeError('rate-limit', 'RateLimitBursts: budget spent'), result()]));
    const body = lines.slice(0, lines.indexOf(''));
    expect(body.filter((l) => l.includes('the TLS handshake failed'))).toHaveLength(1);
    expect(body.join(' ').replace(/\s+/g, ' ')).toContain(
      '5 checks without a verdict [tls-protocols, tls-ciphers, forward-secrecy, certificate-trust, certificate-host]',
    );
    expect(body.filter((l) => /^\? error .*\[rate-limit\]$/.test(l))).toHaveLength(1);
  });
});

describe('formatConsole causes across probes', () => {
  const failed = (id: string, message: string, code?: string): CheckResult =>
    result({
      id,
      status: 'error',
      findings: [finding({kind: 'error', messageId: 'probe-error', message, evidence: code === undefined ? {} : {code}})],
    });

  it('says once what a plain-HTTP port on an https:// URL did to the pages, the handshakes and the probes, in its shortest words', () => {
    const lines = render(
      reportOf([
        failed('csp', 'Pages: No page could be judged: the server did not speak HTTP(S) as expected (ERR_SSL_WRONG_VERSION_NUMBER).', 'protocol'),
        failed('cors', 'The CORS probe of / failed: the server did not speak HTTP(S) as expected (ERR_SSL_WRONG_VERSION_NUMBER).'),
        failed('tls-protocols', 'TlsScan: not TLS: the server answered "HTTP/1.0 400"', 'protocol'),
        failed('certificate-trust', 'TlsCertificate: 127.0.0.1:8080 did not answer with TLS (ERR_SSL_WRONG_VERSION_NUMBER)', 'protocol'),
        failed('rate-limit', 'RateLimitBursts: the request budget is spent', 'budget'),
      ]),
      {width: 200},
    );
    const body = lines.slice(0, lines.indexOf(''));
    expect(body.filter((l) => l.startsWith('? error'))).toEqual([
      '? error not TLS: the server answered "HTTP/1.0 400" — 4 checks without a verdict [csp, cors, tls-protocols, certificate-trust]',
      '? error HTTPS is not enforced with HSTS [rate-limit]',
    ]);
  });

  it('keeps apart results whose reasons share nothing', () => {
    const lines = render(reportOf([failed('csp', 'Pages: no answer within 10000 ms', 'timeout'), failed('cors', 'the CORS probe was answered 503')]));
    expect(lines.filter((l) => /^\? error .*\[(csp|cors)\]$/.test(l))).toHaveLength(4);
  });
});

describe('formatConsole end of report', () => {
  it('lists every blocking failure again, one line each, after the passes and before the counts', () => {
    const lines = render(reportOf([result(), result({id: 'csp', family: 'headers'}), result({id: 'referrer-policy', status: 'warn'})]));
    const recap = lines.slice(lines.indexOf('Blocking the release:') + 1, -1);
    expect(recap.map((l) => /\[([a-z-]+)\]$/.exec(l)?.[1])).toEqual(['hsts', 'csp']);
  });

  it('ends a multi-target run with one verdict line per target, then the counts', () => {
    const good = target([result({status: 'pass', findings: []})], {url: 'https://good.example/'});
    const bad = target([result()], {url: 'https://bad.example/'});
    const down = target([result({status: 'error', findings: []})], {
      url: 'https://down.example/',
      unreachable: {code: 'dns', message: 'getaddrinfo ENOTFOUND down.example'},
    });
    const lines = render(report([good, bad, down]));
    expect(lines.slice(-4).map((l) => /^([✔✖]) (PASSED|FAILED) +(\S+)/.exec(l)?.slice(1))).toEqual([
      ['✔', 'PASSED', 'https://good.example/'],
      ['✖', 'FAILED', 'https://bad.example/'],
      ['✖', 'FAILED', 'https://down.example/'],
      undefined,
    ]);
    expect(lines.at(-2)).toMatch(/ · unreachable$/);
  });

  it('gives a single-target run no verdict line of its own', () => {
    expect(render(reportOf([result()])).filter((l) => /^[✔✖] (PASSED|FAILED)/.test(l))).toHaveLength(0);
  });
});

describe('formatConsole width', () => {
  const long = result({
    fixes: {generic: `Do ${'this and that '.repeat(12)}`, stacks: {}},
    findings: [finding({message: `${'word '.repeat(60)}https://example.com/${'x'.repeat(150)}`})],
  });

  it.each([40, 60, 80, 100, 132])('wraps every line at %i columns, with a hanging indent under each mark', (width) => {
    const lines = render(reportOf([long, result({id: 'csp', status: 'pass', findings: []})]), {width});
    expect(Math.max(...lines.map(columns))).toBeLessThanOrEqual(width);
    const fix = lines.findIndex((l) => l.trimStart().startsWith('fix:'));
    expect(lines[fix + 1]).toMatch(/^ {9}\S/);
    const found = lines.findIndex((l) => l.startsWith('    · '));
    expect(lines[found + 1]).toMatch(/^ {6}\S/);
  });

  it('cuts a finding at two rows and ends it with an ellipsis; the fix, our own text, is never cut', () => {
    const lines = render(reportOf([long]), {width: 60});
    expect(lines.filter((l) => /^( {4}· | {6}\S)/.test(l))).toHaveLength(2);
    expect(lines.find((l) => /^ {6}\S/.test(l))).toMatch(/…$/);
    expect(lines.filter((l) => /^( {4}fix: | {9}\S)/.test(l)).length).toBeGreaterThan(2);
  });

  it('keeps colour codes out of the width', () => {
    const coloured = rows(formatConsole(reportOf([long]), ANSI_STYLE, {width: 50, fixes: 'detected'}));
    expect(Math.max(...coloured.map(columns))).toBeLessThanOrEqual(50);
  });

  it('renders an old saved report (no fixes by stack, no stacks) within the width', () => {
    expect(Math.max(...render(demoReport(), {width: 100}).map(columns))).toBeLessThanOrEqual(100);
  });
});
