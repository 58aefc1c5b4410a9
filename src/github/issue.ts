/**
 * The tracking issue of scheduled audits: opened while the target fails, kept up to date with the
 * latest report, closed with a comment once everything passes. Found like the sticky comment, by
 * the marker on its body's first line and its author (the token's identity), among the open issues
 * labelled `shipcheck`: a person's issue is never edited or closed.
 */
import type {Octokit} from '@octokit/rest';
import {markerLine, ownedByUs, sameBody, type FindOptions, type Viewer} from './comment.js';

export const TRACKING_LABEL = 'shipcheck';

export interface IssueResult {
  /** `none`: passing and no open issue, nothing to do. */
  readonly action: 'opened' | 'updated' | 'unchanged' | 'closed' | 'none';
  readonly number?: number;
  readonly url?: string;
  /** GitHub dropped the label (the token may not set labels): the next run cannot find this issue. */
  readonly unlabelled?: boolean;
}

export interface TrackingIssue {
  readonly owner: string;
  readonly repo: string;
  /** The failing report as Markdown, our marker on its first line. */
  readonly body: string;
  readonly title: string;
  readonly passed: boolean;
  /** The run that saw it pass, linked from the closing comment. */
  readonly runUrl?: string;
}

export async function syncTrackingIssue(octokit: Octokit, issue: TrackingIssue, viewer: Viewer, options: FindOptions = {}): Promise<IssueResult> {
  const repo = {owner: issue.owner, repo: issue.repo};
  const markers = new Set([markerLine(issue.body), ...(options.formerMarkers ?? [])]);
  const open = await octokit.paginate(octokit.rest.issues.listForRepo, {...repo, state: 'open', labels: TRACKING_LABEL, per_page: 100});
  // The issues list includes pull requests; a PR carrying the label is not our issue.
  const issues = open.filter((i) => !i.pull_request);
  const [found] = (await ownedByUs(issues, markers, viewer)).ours;
  if (issue.passed) {
    if (!found) return {action: 'none'};
    const run = issue.runUrl ? ` ([run](${issue.runUrl}))` : '';
    await octokit.rest.issues.createComment({...repo, issue_number: found.number, body: `Every check passes again${run}; closing.`});
    await octokit.rest.issues.update({...repo, issue_number: found.number, state: 'closed', state_reason: 'completed'});
    return {action: 'closed', number: found.number, url: found.html_url};
  }
  if (found) {
    if (sameBody(found.body, issue.body) && found.title === issue.title) return {action: 'unchanged', number: found.number, url: found.html_url};
    const {data} = await octokit.rest.issues.update({...repo, issue_number: found.number, title: issue.title, body: issue.body});
    return {action: 'updated', number: data.number, url: data.html_url};
  }
  const {data} = await octokit.rest.issues.create({...repo, title: issue.title, body: issue.body, labels: [TRACKING_LABEL]});
  const labelled = data.labels.some((l) => (typeof l === 'string' ? l : l.name) === TRACKING_LABEL);
  return {action: 'opened', number: data.number, url: data.html_url, ...(labelled ? {} : {unlabelled: true})};
}
