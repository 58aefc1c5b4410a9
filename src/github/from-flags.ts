/**
 * `--github` for the `scan` and `report` commands: the context is resolved before anything is
 * sent (a missing token or repository is a usage error, exit 2), the report is posted after. The
 * post never changes the exit code.
 */
import {githubContext} from './context.js';
import {postToGitHub} from './post.js';
import type {Report} from '../core/report.js';

export interface GitHubFlags {
  readonly repo?: string;
  readonly pr?: number;
  readonly sha?: string;
  readonly 'tracking-issue'?: boolean;
  readonly 'github-key'?: string;
}

/** Resolves where to post now; returns the poster to call with the finished report. */
export async function prepareGitHub(flags: GitHubFlags): Promise<(report: Report) => Promise<void>> {
  const context = await githubContext(process.env, {
    ...(flags.repo === undefined ? {} : {repo: flags.repo}),
    ...(flags.pr === undefined ? {} : {pr: flags.pr}),
    ...(flags.sha === undefined ? {} : {sha: flags.sha}),
  });
  return async (report) => {
    await postToGitHub(report, {
      context,
      trackingIssue: flags['tracking-issue'] ?? false,
      ...(flags['github-key'] === undefined ? {} : {key: flags['github-key']}),
    });
  };
}
