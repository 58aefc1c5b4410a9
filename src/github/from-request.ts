/**
 * `--github` for the `scan` and `report` commands: the context is resolved before anything is
 * sent (a missing token or repository is a usage error, exit 2), the report is posted after. The
 * post never changes the exit code.
 */
import type {Report} from '../core/report.js';
import {githubContext} from './context.js';
import {postToGitHub} from './post.js';

/** Where to post the report (`--github`); the token comes from GITHUB_TOKEN only. */
export interface GitHubRequest {
  readonly repo?: string;
  readonly pr?: number;
  readonly sha?: string;
  readonly trackingIssue: boolean;
  readonly key?: string;
}

/** Resolves where to post now; returns the poster to call with the finished report. */
export async function prepareGitHub(request: GitHubRequest): Promise<(report: Report) => Promise<void>> {
  const context = await githubContext(process.env, {
    ...(request.repo === undefined ? {} : {repo: request.repo}),
    ...(request.pr === undefined ? {} : {pr: request.pr}),
    ...(request.sha === undefined ? {} : {sha: request.sha}),
  });
  return async (report) => {
    await postToGitHub(report, {context, trackingIssue: request.trackingIssue, ...(request.key === undefined ? {} : {key: request.key})});
  };
}
