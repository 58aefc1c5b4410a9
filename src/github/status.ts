/**
 * A commit status on the PR head. A status rather than a check run: check runs need a GitHub App
 * token, and a status works with every token that may write statuses.
 */
import type {Octokit} from '@octokit/rest';
import type {Report} from '../core/report.js';
import {failureReasons, plural, presentedCounts} from '../formatters/results.js';
import {truncate} from '../core/text.js';

export type StatusState = 'success' | 'failure' | 'error';

export interface StatusResult {
  readonly state: StatusState;
  readonly context: string;
  readonly description: string;
}

/** GitHub cuts longer descriptions; we cut first so the counts that matter stay readable. */
export const MAX_DESCRIPTION = 140;
/** Long enough for a URL, short enough to read in the PR's checks list. */
const MAX_CONTEXT = 100;

/** `shipcheck`, or `shipcheck (key)` so several targets scanned for one PR keep separate statuses. */
export function statusContext(key: string | undefined): string {
  return truncate(key ? `shipcheck (${key})` : 'shipcheck', MAX_CONTEXT);
}

/** error when a target could not be reached (the scan judged nothing there), else the verdict. */
export function statusState(report: Report): StatusState {
  if (report.targets.some((t) => t.unreachable)) return 'error';
  return report.passed ? 'success' : 'failure';
}

/**
 * The verdict, why it failed (failureReasons: what gates, targets not judged, expired waivers), then
 * the results counted as every format reads them: a failure that does not gate is a warning here too.
 */
export function statusDescription(report: Report): string {
  const unreachable = report.targets.filter((t) => t.unreachable).length;
  const c = presentedCounts(report.targets.flatMap((t) => t.results));
  const parts = [
    ...(unreachable > 0 ? [`${plural(unreachable, 'target')} unreachable`] : []),
    ...(report.passed ? [] : failureReasons(report)),
    `${c.fail} failed`,
    plural(c.warn, 'warning'),
    ...(c.error > 0 ? [`${c.error} inconclusive`] : []),
    `${c.pass} passed`,
  ];
  return truncate(`${report.passed ? 'Passed' : 'Failed'}: ${parts.join(', ')}`, MAX_DESCRIPTION);
}

export async function setStatus(
  octokit: Octokit,
  where: {readonly owner: string; readonly repo: string; readonly sha: string},
  report: Report,
  options: {readonly key?: string; readonly targetUrl?: string},
): Promise<StatusResult> {
  const result = {state: statusState(report), context: statusContext(options.key), description: statusDescription(report)};
  await octokit.rest.repos.createCommitStatus({
    ...where,
    ...result,
    ...(options.targetUrl ? {target_url: options.targetUrl} : {}),
  });
  return result;
}
