/**
 * Where a report goes on GitHub: read from the variables the Actions runner sets, or from
 * `--repo owner/name --pr N --sha SHA` outside Actions. The token comes from `GITHUB_TOKEN` only
 * (never a flag, which would land in shell history and process lists).
 */
import {UsageError} from '../core/errors.js';
import {MiB, readInputFile} from '../core/files.js';

export interface GitHubContext {
  /** Secret: never printed; masked in Actions logs. */
  readonly token: string;
  /** REST API root without a trailing slash: api.github.com, a GHES `/api/v3`, or a test simulator. */
  readonly apiUrl: string;
  readonly owner: string;
  readonly repo: string;
  /** The pull request to comment on; absent for push, schedule and manual runs. */
  readonly pr?: number;
  /** The commit the status goes on: the PR head, never the merge commit GITHUB_SHA names on a PR. */
  readonly sha?: string;
  /** The workflow run's page, linked from the commit status and the tracking issue. */
  readonly runUrl?: string;
  /** The PR's head lives in another repository than its base. */
  readonly fork: boolean;
  /** `GITHUB_EVENT_NAME`: on `pull_request` from a fork the token is read-only. */
  readonly eventName?: string;
  /** Running in GitHub Actions: the log understands workflow commands (masks, annotations). */
  readonly actions: boolean;
  /** `GITHUB_STEP_SUMMARY`: the file whose Markdown the run's summary page shows. */
  readonly summaryFile?: string;
  /** `GITHUB_WORKFLOW` (the workflow's name): with `job`, what keeps a comment's default key stable across pushes. */
  readonly workflow?: string;
  /** `GITHUB_JOB` (the job's id in the workflow file). */
  readonly job?: string;
}

export interface ContextOverrides {
  /** `owner/name`. */
  readonly repo?: string;
  readonly pr?: number;
  readonly sha?: string;
}

/** The fields of a `pull_request` or `workflow_run` event payload read here. */
interface PullRequestPayload {
  readonly pull_request?: {
    readonly number?: number;
    readonly head?: {readonly sha?: string; readonly repo?: {readonly full_name?: string} | null};
    readonly base?: {readonly repo?: {readonly full_name?: string}};
  };
  /** The run that triggered this one: the fork-safe pattern posts a pull request's report from here. */
  readonly workflow_run?: {
    readonly head_sha?: string;
    /** Empty when the head branch lives in a fork: GitHub lists only the base repository's pull requests. */
    readonly pull_requests?: readonly {readonly number?: number}[];
    readonly head_repository?: {readonly full_name?: string} | null;
  };
  readonly repository?: {readonly full_name?: string};
}

const REPO = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;
/** SHA-1 object names, or SHA-256 in repositories that use it. */
const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

/** GitHub caps a webhook payload at 25 MB, and the runner writes the event it received. */
const MAX_EVENT_BYTES = 25 * MiB;

async function readPayload(file: string | undefined): Promise<PullRequestPayload> {
  if (!file) return {};
  const text = await readInputFile(file, 'the event payload GITHUB_EVENT_PATH', MAX_EVENT_BYTES);
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    throw new UsageError(`the event payload GITHUB_EVENT_PATH ${file} is not JSON`);
  }
  if (typeof payload !== 'object' || payload === null) throw new UsageError(`the event payload GITHUB_EVENT_PATH ${file} is not a JSON object`);
  // Every field of PullRequestPayload is optional: any object is one.
  return payload;
}

function apiRoot(raw: string | undefined): string {
  const value = raw?.trim() || 'https://api.github.com';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`GITHUB_API_URL "${value}" is not a URL (e.g. https://github.example.com/api/v3)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`GITHUB_API_URL "${value}" is not an http(s) URL`);
  return url.href.replace(/\/+$/, '');
}

/**
 * The context from `env` (normally `process.env`) and the explicit flags, which win. Throws
 * UsageError (exit 2) for a missing token or repository and for malformed values, before any scan.
 */
export async function githubContext(env: NodeJS.ProcessEnv, overrides: ContextOverrides = {}): Promise<GitHubContext> {
  const token = env.GITHUB_TOKEN?.trim();
  if (!token)
    throw new UsageError(
      'GITHUB_TOKEN is not set: in a workflow pass `env: GITHUB_TOKEN: ${{ github.token }}`; elsewhere export a token that can write to the repository',
    );
  const repository = overrides.repo ?? env.GITHUB_REPOSITORY;
  if (!repository) throw new UsageError('no repository: pass --repo owner/name (in GitHub Actions GITHUB_REPOSITORY names it)');
  const [, owner, repo] = REPO.exec(repository) ?? [];
  if (owner === undefined || repo === undefined) throw new UsageError(`--repo "${repository}" is not owner/name`);
  if (overrides.pr !== undefined && (!Number.isInteger(overrides.pr) || overrides.pr < 1))
    throw new UsageError(`--pr ${overrides.pr} is not a pull request number`);
  if (overrides.sha !== undefined && !SHA.test(overrides.sha)) throw new UsageError(`--sha "${overrides.sha}" is not a full commit SHA`);

  const eventName = env.GITHUB_EVENT_NAME || undefined;
  const payload = await readPayload(env.GITHUB_EVENT_PATH || undefined);
  const pull = payload.pull_request;
  // Under workflow_run GITHUB_SHA is the default branch's tip: the report belongs to the run it follows.
  const run = eventName === 'workflow_run' ? payload.workflow_run : undefined;
  const runPulls: unknown = run?.pull_requests;
  const runPull: unknown = Array.isArray(runPulls) ? (runPulls[0] as {readonly number?: unknown} | undefined)?.number : undefined;
  const runPr = typeof runPull === 'number' && Number.isInteger(runPull) && runPull > 0 ? runPull : undefined;
  const runSha = typeof run?.head_sha === 'string' && SHA.test(run.head_sha) ? run.head_sha : undefined;
  const pr = overrides.pr ?? pull?.number ?? runPr;
  // On a PR event GITHUB_SHA is the test merge commit, which nobody sees: the status belongs on the head.
  const sha =
    overrides.sha ??
    pull?.head?.sha ??
    runSha ??
    (pull || eventName?.startsWith('pull_request') || eventName === 'workflow_run' ? undefined : env.GITHUB_SHA || undefined);
  // A deleted fork leaves `head.repo` null; it is a fork all the same.
  const fork =
    pull !== undefined
      ? (pull.head?.repo?.full_name ?? '') !== (pull.base?.repo?.full_name ?? repository)
      : run !== undefined && (run.head_repository?.full_name ?? '') !== (payload.repository?.full_name ?? repository);
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const runUrl = env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  return {
    token,
    apiUrl: apiRoot(env.GITHUB_API_URL),
    owner,
    repo,
    ...(pr !== undefined ? {pr} : {}),
    ...(sha ? {sha} : {}),
    ...(runUrl ? {runUrl} : {}),
    fork,
    ...(eventName ? {eventName} : {}),
    actions: env.GITHUB_ACTIONS === 'true',
    ...(env.GITHUB_STEP_SUMMARY ? {summaryFile: env.GITHUB_STEP_SUMMARY} : {}),
    ...(env.GITHUB_WORKFLOW ? {workflow: env.GITHUB_WORKFLOW} : {}),
    ...(env.GITHUB_JOB ? {job: env.GITHUB_JOB} : {}),
  };
}
