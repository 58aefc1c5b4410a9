import {execFileSync} from 'node:child_process';
import {describe, expect, it} from '@jest/globals';
import {demoReport, finding, HOSTILE, report, result, target} from '../../test/helpers/reports.js';
import {formatJunit} from './junit.js';

interface Element {
  tag: string;
  attrs: Record<string, string>;
  text: string;
  children: Element[];
}

/**
 * Parses with expat (Python's standard library, Debian's python3): a strict, conforming XML 1.0
 * parser, which rejects any document that is not well-formed.
 */
function parseXml(xml: string): Element {
  const script = `
import json, sys, xml.dom.minidom as m
def walk(e):
    return {"tag": e.tagName, "attrs": dict(e.attributes.items()),
            "text": "".join(c.data for c in e.childNodes if c.nodeType in (c.TEXT_NODE, c.CDATA_SECTION_NODE)),
            "children": [walk(c) for c in e.childNodes if c.nodeType == c.ELEMENT_NODE]}
print(json.dumps(walk(m.parseString(sys.stdin.buffer.read()).documentElement)))
`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], {input: xml, encoding: 'utf8'})) as Element;
}

const cases = (suite: Element): Element[] => suite.children.filter((c) => c.tag === 'testcase');

describe('formatJunit on the demo report', () => {
  const root = parseXml(formatJunit(demoReport()));
  const suite = root.children[0]!;

  it('is well-formed XML: one suite per target named by its URL, one test case per check', () => {
    expect(root.tag).toBe('testsuites');
    expect(root.children.map((c) => c.tag)).toEqual(['testsuite']);
    expect(suite.attrs.name).toBe('https://127.0.0.1:38423/');
    expect(cases(suite)).toHaveLength(28);
  });

  it('counts tests, failures, errors and skips, and times the suite by the target', () => {
    expect(root.attrs).toMatchObject({tests: '28', failures: '10', errors: '0', skipped: '0', time: '0.598'});
    expect(suite.attrs).toMatchObject({tests: '28', failures: '10', errors: '0', skipped: '0', time: '0.598', timestamp: '2026-11-29T14:13:00.110Z'});
  });

  it('names each case shipcheck.<family> and "<id>: <title>", a failure holding every finding and the fix', () => {
    const hsts = cases(suite).find((c) => c.attrs.name?.startsWith('hsts:'))!;
    expect(hsts.attrs).toMatchObject({classname: 'shipcheck.hsts', name: 'hsts: HTTPS is not enforced with HSTS', time: '0'});
    const failure = hsts.children[0]!;
    expect(failure.tag).toBe('failure');
    expect(failure.attrs).toMatchObject({type: 'high', message: 'max-age is 86400 seconds, below the minimum of 15768000.'});
    expect(failure.text.split('\n')).toHaveLength(5 + 2);
    expect(failure.text).toContain('[info] /: Not preload-ready: the header has no preload directive.');
    expect(failure.text).toContain('Fix: Send one header from the HTTPS server');
  });

  it('lets a warning pass with its findings in system-out', () => {
    const referrer = cases(suite).find((c) => c.attrs.name?.startsWith('referrer-policy:'))!;
    expect(referrer.children.map((c) => c.tag)).toEqual(['system-out']);
    expect(referrer.children[0]!.text).toContain('[warn] /: The response has no Referrer-Policy header');
    expect(referrer.children[0]!.text).toContain('Fix: nginx: `add_header Referrer-Policy');
  });

  it('lets a failure at level warn pass with its findings and the reason in system-out, never as a failure', () => {
    const versions = cases(suite).find((c) => c.attrs.name?.startsWith('version-disclosure:'))!;
    expect(versions.children.map((c) => c.tag)).toEqual(['system-out']);
    expect(versions.children[0]!.text).toContain('(level warn)');
    expect(versions.children[0]!.text).toContain('[fail] /: The server header reveals the web server');
  });

  it('records the TLS grade as a suite property', () => {
    const props = suite.children.find((c) => c.tag === 'properties')!;
    expect(props.children[0]!.attrs).toEqual({name: 'tls-grade', value: 'A'});
  });
});

describe('formatJunit outcomes', () => {
  it('makes an inconclusive check an error, a skipped or switched-off one skipped, and a pass empty', () => {
    const root = parseXml(
      formatJunit(
        report([
          target([
            result({id: 'a', status: 'error', findings: [finding({kind: 'error', message: 'timeout after 10 s'})]}),
            result({id: 'b', status: 'skipped', findings: []}),
            result({id: 'c', status: 'fail', level: 'off'}),
            result({id: 'd', status: 'pass', findings: []}),
          ]),
          target([result({id: 'e'})], {url: 'https://second.example/', unreachable: {code: 'dns', message: 'no such host'}}),
        ]),
      ),
    );
    const [first, second] = root.children;
    expect(first!.attrs).toMatchObject({tests: '4', failures: '0', errors: '1', skipped: '2'});
    expect(cases(first!).map((c) => c.children.map((k) => k.tag))).toEqual([['error'], ['skipped'], ['skipped'], []]);
    expect(cases(first!)[0]!.children[0]!.attrs).toMatchObject({type: 'inconclusive', message: 'timeout after 10 s'});
    expect(cases(first!)[2]!.children[0]!.attrs.message).toBe('level off');
    expect(second!.attrs).toMatchObject({name: 'https://second.example/', tests: '1', failures: '1'});
    expect(second!.children[0]!.children[0]!.attrs).toEqual({name: 'unreachable', value: 'no such host'});
    expect(root.attrs).toMatchObject({tests: '5', failures: '1', errors: '1', skipped: '2'});
  });
});

describe('formatJunit gating', () => {
  it('gives what does not gate (level warn, waived, known in the baseline, inconclusive at level warn) no failure or error', () => {
    const waiver = {check: 'b', reason: 'CDN migration', expires: '2099-01-01', expired: false};
    const root = parseXml(
      formatJunit(
        report([
          target([
            result({id: 'a', level: 'warn'}),
            result({id: 'b', waiver}),
            result({id: 'c', baseline: 'known'}),
            result({id: 'd', status: 'error', level: 'warn', findings: [finding({kind: 'error', message: 'timeout after 10 s'})]}),
          ]),
        ]),
      ),
    );
    const suite = root.children[0]!;
    expect(suite.attrs).toMatchObject({tests: '4', failures: '0', errors: '0', skipped: '0'});
    expect(cases(suite).map((c) => c.children.map((k) => k.tag))).toEqual([['system-out'], ['system-out'], ['system-out'], ['system-out']]);
    const notes = cases(suite).map((c) => c.children[0]!.text.split('\n').find((l) => l.startsWith('(')));
    expect(notes).toEqual(['(level warn)', '(waived until 2099-01-01: CDN migration)', '(known in the baseline)', '(inconclusive; level warn)']);
  });

  it('keeps a failure whose waiver expired a failure', () => {
    const waiver = {check: 'hsts', reason: 'CDN migration', expires: '2025-01-01', expired: true};
    const suite = parseXml(formatJunit(report([target([result({waiver})])], {expiredWaivers: [waiver]}))).children[0]!;
    expect(cases(suite)[0]!.children.map((k) => k.tag)).toEqual(['failure']);
    expect(cases(suite)[0]!.children[0]!.text).toContain('(blocking; waiver expired 2025-01-01)');
  });

  it('adds an error test case for a target that was not judged, and the rejected certificate as a suite property', () => {
    const root = parseXml(
      formatJunit(
        report([
          target([result({status: 'error', level: 'warn'})], {
            notJudged: 'every check at level error needs the page, which answered 503',
            certificateRejected: 'expired on 2025-01-01',
          }),
          target([result({status: 'pass', findings: []})], {url: 'https://second.example/'}),
        ]),
      ),
    );
    const [first, second] = root.children;
    expect(root.attrs).toMatchObject({tests: '3', failures: '0', errors: '1', skipped: '0'});
    expect(first!.attrs).toMatchObject({tests: '2', failures: '0', errors: '1'});
    const judged = cases(first!).filter((c) => c.attrs.classname === 'shipcheck.target');
    expect(judged).toHaveLength(1);
    expect(judged[0]!.children.map((k) => k.tag)).toEqual(['error']);
    expect(judged[0]!.children[0]!.attrs).toEqual({type: 'not-judged', message: 'every check at level error needs the page, which answered 503'});
    const props = first!.children.find((c) => c.tag === 'properties')!;
    expect(props.children.map((c) => c.attrs)).toEqual([{name: 'certificate-rejected', value: 'expired on 2025-01-01'}]);
    expect(second!.attrs).toMatchObject({tests: '1', errors: '0'});
    expect(cases(second!).some((c) => c.attrs.classname === 'shipcheck.target')).toBe(false);
  });
});

describe('formatJunit escaping', () => {
  it('stays well-formed with hostile text in titles, messages, the URL and the notices, keeping the text', () => {
    const xml = formatJunit(
      report([
        target([result({title: HOSTILE, findings: [finding({message: HOSTILE, page: '/"><x'})]})], {
          url: 'https://a.example/?a=1&b=<2>',
          notJudged: `<script>${HOSTILE}`,
          certificateRejected: '"/><x',
        }),
      ]),
    );
    const root = parseXml(xml);
    const suite = root.children[0]!;
    expect(suite.attrs.name).toBe('https://a.example/?a=1&b=<2>');
    const failure = cases(suite)[1]!.children[0]!;
    expect(failure.attrs.message).toContain('<script>alert(1)</script> "><img src=x onerror=alert(2)>');
    expect(cases(suite)[0]!.children[0]!.text.startsWith('<script>Server: <script>')).toBe(true);
    expect(suite.children[0]!.children[0]!.attrs.value).toBe('"/><x');
    expect(failure.text).toContain('/"><x: Server: <script>');
    expect(xml).not.toContain('<script>');
  });
});
