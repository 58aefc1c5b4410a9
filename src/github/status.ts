/**
 * A commit status on the PR head. A status rather than a check run: check runs need a GitHub App
 * token, and a status works with every token that may write statuses.
 */
import type {Octokit} from '@octokit/rest';
import type {Report} from '../core/report.js';

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

const cap = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** `shipcheck`, or `shipcheck (key)` so several targets scanned for one PR keep separate statuses. */
export function statusContext(key: string | undefined): string {
  return cap(key ? `shipcheck (${key})` : 'shipcheck', MAX_CONTEXT);
}

/** error when a target could not be reached (the scan judged nothing there), else the verdict. */
export function statusState(report: Report): StatusState {
  if (report.targets.some((t) => t.unreachable)) return 'error';
  return report.passed ? 'success' : 'failure';
}

export function statusDescription(report: Report): string {
  const {summary: m} = report;
  const unreachable = report.targets.filter((t) => t.unreachable).length;
  const parts = [
    ...(unreachable > 0 ? [`${unreachable} target${unreachable === 1 ? '' : 's'} unreachable`] : []),
    ...(m.blocking > 0 ? [`${m.blocking} blocking`] : []),
    `${m.fail} failed`,
    `${m.warn} warnings`,
    ...(m.error > 0 ? [`${m.error} inconclusive`] : []),
    `${m.pass} passed`,
    ...(report.expiredWaivers.length > 0 ? [`${report.expiredWaivers.length} expired waivers`] : []),
  ];
  return cap(`${report.passed ? 'Passed' : 'Failed'}: ${parts.join(', ')}`, MAX_DESCRIPTION);
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
