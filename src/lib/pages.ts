import {inconclusive} from '../core/check.js';
import type {Finding, HttpResponse, Page} from '../core/types.js';

/**
 * Judges every page the user asked about. A page that could not be fetched (or answered 5xx, or
 * with a WAF challenge) yields an inconclusive `page-unavailable` finding, so the check reports
 * `error` for it instead of passing on what it could not see. Checks that use this declare a
 * `page-unavailable` message.
 */
export function judgePages(pages: readonly Page[], judge: (response: HttpResponse, path: string) => Finding[]): Finding[] {
  const findings: Finding[] = [];
  for (const page of pages) {
    if (page.response) findings.push(...judge(page.response, page.path).map((f) => ({...f, page: page.path})));
    else findings.push(inconclusive('page-unavailable', {reason: page.error?.message ?? 'no response'}, page.path));
  }
  return findings;
}

/** The message every page-judging check declares for a page it could not judge. */
export const PAGE_UNAVAILABLE = 'The page could not be judged: {{reason}}.';
