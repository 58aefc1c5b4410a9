import {inconclusive, warn} from './check.js';
import type {Finding, HttpResponse, Page} from './types.js';

/** The ids judgePages adds besides the judge's own; every check that uses it declares PAGE_MESSAGES. */
export type PageMessageId = keyof typeof PAGE_MESSAGES;

/** The messages every page-judging check declares for pages it could not judge. */
export const PAGE_MESSAGES = {
  'page-unavailable': 'No page could be judged: {{reason}}.',
  'page-not-judged': 'Not judged: {{reason}}.',
} as const;

/** A page whose answer is the site's own: fetched, and not a 429, a 5xx, a challenge page or a redirect to another host. */
export function judgeable(page: Page): page is Page & {readonly response: HttpResponse} {
  return page.response !== undefined && page.error === undefined;
}

/**
 * A page the host itself answered, a redirect to another host included: what HSTS is judged on,
 * since the header is set per host and hstspreload.org asks for it on that very redirect.
 */
export function hostAnswered(page: Page): page is Page & {readonly response: HttpResponse} {
  return page.response !== undefined && (page.error === undefined || page.error.code === 'redirected-away');
}

/**
 * Judges every page the site itself answered (`usable`, judgeable by default). A page that could not
 * be fetched, or answered with something that is not the site's page (a 429, a 5xx, a WAF
 * challenge, a redirect to another host), is listed as not judged
 * (a warning): the check still judges the others. When no page could be judged at all, each one
 * is inconclusive, so the check reports `error` instead of passing on what it never saw.
 */
export function judgePages<M extends string>(
  pages: readonly Page[],
  judge: (response: HttpResponse, path: string) => Finding<M>[],
  usable: (page: Page) => page is Page & {readonly response: HttpResponse} = judgeable,
): Finding<M | PageMessageId>[] {
  if (pages.length === 0) return [inconclusive('page-unavailable', {reason: 'no page was fetched'})];
  const anyJudged = pages.some(usable);
  const findings: Finding<M | PageMessageId>[] = [];
  for (const page of pages) {
    if (usable(page)) {
      findings.push(...judge(page.response, page.path).map((f) => ({...f, page: page.path})));
      continue;
    }
    const reason = page.error?.message ?? 'no response';
    findings.push(anyJudged ? warn('page-not-judged', {reason}, page.path) : inconclusive('page-unavailable', {reason}, page.path));
  }
  return findings;
}
