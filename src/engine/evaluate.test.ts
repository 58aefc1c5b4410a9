import {describe, expect, it} from '@jest/globals';
import {defineCheck, fail, outcome} from '../core/check.js';
import {evaluateCheck, MAX_EVIDENCE, MAX_FINDINGS} from './evaluate.js';
import {makeRedactor} from '../core/redact.js';
import {isBlocking, summarize} from '../core/report.js';
import type {Artifacts, Page} from '../core/types.js';
import {hardened, pages, TARGET} from '../../test/helpers/artifacts.js';

const echo = defineCheck({
  meta: {
    id: 'echo',
    family: 'headers',
    title: 'Echo passes',
    failureTitle: 'Echo fails',
    description: 'Test check. [ref](https://example.com)',
    fixes: {generic: 'none', stacks: {}},
    severity: 'low',
    cwe: [693],
    owasp: ['A05:2021'],
    requiredArtifacts: ['Pages'],
    messages: {said: 'The server said {{value}}.'},
  },
  defaultOptions: {times: 1},
  run({Pages}, options) {
    const value = Pages[0]!.response?.body ?? '';
    return outcome(Array.from({length: options.times}, () => fail('said', {value})));
  },
});

const policy = {level: 'error' as const, options: {times: 1}};
const none = (s: string): string => s;

describe('evaluateCheck', () => {
  it('fills messages from the finding data and takes the failure title', () => {
    const r = evaluateCheck(echo, policy, {Pages: pages(hardened({}, {body: 'hi'}))}, TARGET, none);
    expect(r).toMatchObject({id: 'echo', status: 'fail', title: 'Echo fails', level: 'error', severity: 'low', cwe: [693], owasp: ['A05:2021']});
    expect(r.findings).toEqual([{messageId: 'said', kind: 'fail', message: 'The server said hi.', evidence: {value: 'hi'}}]);
  });

  it('reports error, never pass, when a declared artifact is missing', () => {
    const r = evaluateCheck(echo, policy, {}, TARGET, none);
    expect(r.status).toBe('error');
    expect(r.findings.map((f) => f.messageId)).toEqual(['probe-error']);
    expect(r.findings[0]!.evidence).toEqual({});
  });

  it('reports error with the reason when the probe failed', () => {
    const artifacts: Artifacts = {Pages: {kind: 'probe-error', code: 'timeout', message: 'no answer within 10 ms'}};
    const r = evaluateCheck(echo, policy, artifacts, TARGET, none);
    expect(r.status).toBe('error');
    expect(r.findings[0]!.message).toContain('no answer within 10 ms');
    // The probe's code, so that a reader can tell the checks one failure left without a verdict.
    expect(r.findings[0]!.evidence).toEqual({code: 'timeout'});
  });

  it('turns a crashing check into an error result', () => {
    const broken: Page[] = [{path: '/', url: TARGET.url}];
    const crashing = {
      ...echo,
      run: () => {
        throw new Error('boom');
      },
    };
    const r = evaluateCheck(crashing, policy, {Pages: broken}, TARGET, none);
    expect(r.status).toBe('error');
    expect(r.findings[0]!.message).toContain('boom');
  });

  it('redacts secrets and caps evidence taken from the target', () => {
    const body = `token=sekrit-value-1 ${'x'.repeat(5000)}`;
    const r = evaluateCheck(echo, policy, {Pages: pages(hardened({}, {body}))}, TARGET, makeRedactor(['sekrit-value-1']));
    const value = String(r.findings[0]!.evidence.value);
    expect(value).not.toContain('sekrit-value-1');
    expect(r.findings[0]!.message).not.toContain('sekrit-value-1');
    expect(value.length).toBeLessThan(MAX_EVIDENCE + 40);
  });

  it('keeps at most MAX_FINDINGS findings and says how many were left out', () => {
    const r = evaluateCheck(echo, {level: 'error', options: {times: MAX_FINDINGS + 7}}, {Pages: pages(hardened())}, TARGET, none);
    expect(r.findings).toHaveLength(MAX_FINDINGS + 1);
    expect(r.findings.at(-1)).toMatchObject({messageId: 'truncated', kind: 'info'});
  });

  it("keeps up to the check's own maxFindings when it declares one (a ledger of operations)", () => {
    const ledger = {...echo, meta: {...echo.meta, maxFindings: MAX_FINDINGS * 3}};
    const all = evaluateCheck(ledger, {level: 'error', options: {times: MAX_FINDINGS + 7}}, {Pages: pages(hardened())}, TARGET, none);
    expect(all.findings).toHaveLength(MAX_FINDINGS + 7);
    expect(all.findings.map((f) => f.messageId)).not.toContain('truncated');
    const over = evaluateCheck(ledger, {level: 'error', options: {times: MAX_FINDINGS * 3 + 1}}, {Pages: pages(hardened())}, TARGET, none);
    expect(over.findings).toHaveLength(MAX_FINDINGS * 3 + 1);
    expect(over.findings.at(-1)).toMatchObject({messageId: 'truncated', message: '1 more findings not shown'});
  });
});

describe('summary and verdict', () => {
  it('gates only on fail or error at level error', () => {
    expect(isBlocking({level: 'error', status: 'fail'})).toBe(true);
    expect(isBlocking({level: 'error', status: 'error'})).toBe(true);
    expect(isBlocking({level: 'error', status: 'warn'})).toBe(false);
    expect(isBlocking({level: 'warn', status: 'fail'})).toBe(false);
  });

  it('counts statuses overall and per family', () => {
    const r = evaluateCheck(echo, policy, {Pages: pages(hardened())}, TARGET, none);
    const s = summarize([{url: TARGET.url, durationMs: 1, results: [r, {...r, status: 'pass'}]}]);
    expect(s).toMatchObject({total: 2, fail: 1, pass: 1, blocking: 1, byFamily: {headers: {fail: 1, pass: 1}}});
  });
});

describe('not-applicable artifacts', () => {
  it('skip the check with the probe hint instead of failing it', () => {
    const artifacts: Artifacts = {Pages: {kind: 'probe-error', code: 'not-applicable', message: 'pass --rate-limit-path to test it'}};
    const r = evaluateCheck(echo, policy, artifacts, TARGET, none);
    expect(r.status).toBe('skipped');
    expect(r.findings).toEqual([expect.objectContaining({messageId: 'not-applicable', message: 'pass --rate-limit-path to test it'})]);
    expect(isBlocking(r)).toBe(false);
  });
});
