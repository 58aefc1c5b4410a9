import {describe, expect, it} from '@jest/globals';
import {fail} from './check.js';
import {hostAnswered, judgePages} from './pages.js';
import type {HttpResponse, Page} from './types.js';
import {hardened, probeError, TARGET} from '../../test/helpers/artifacts.js';

/** A judge that fails every page it is given: what reaches it shows in the findings. */
const judged = (response: HttpResponse) => [fail('seen', {status: response.status})];
const summary = (findings: ReturnType<typeof judgePages>) => findings.map((f) => [f.kind, f.messageId, f.page]);

const ok: Page = {path: '/', url: TARGET.url, response: hardened()};
const down: Page = {path: '/admin', url: `${TARGET.url}admin`, error: probeError('timeout')};
const toWww: Page = {
  path: '/',
  url: TARGET.url,
  response: hardened({location: 'https://www.example.com/'}, {status: 301}),
  error: probeError('redirected-away'),
};

describe('judgePages', () => {
  it('is inconclusive on no page at all, never a pass', () => {
    expect(summary(judgePages([], judged))).toEqual([['error', 'page-unavailable', undefined]]);
  });

  it('judges the pages the site answered and lists the others as not judged', () => {
    expect(summary(judgePages([ok, down], judged))).toEqual([
      ['fail', 'seen', '/'],
      ['warn', 'page-not-judged', '/admin'],
    ]);
  });

  it('is inconclusive on each page when none could be judged', () => {
    expect(summary(judgePages([down, toWww], judged))).toEqual([
      ['error', 'page-unavailable', '/admin'],
      ['error', 'page-unavailable', '/'],
    ]);
  });

  it('judges a redirect to another host only when asked to (hostAnswered, for HSTS)', () => {
    expect(summary(judgePages([toWww], judged, hostAnswered))).toEqual([['fail', 'seen', '/']]);
    expect(hostAnswered(down)).toBe(false);
  });
});
