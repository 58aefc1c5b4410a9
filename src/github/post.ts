/**
 * Posts a report to GitHub: the sticky PR comment, the commit status, the optional tracking issue,
 * the job summary and error annotations. Posting never decides the exit code and never throws: a
 * refusal becomes one warning that says what to change, and the job summary (a file, which a
 * read-only token can still write) carries the report when the comment could not.
 */
import {setTimeout as sleep} from 'node:timers/promises';
import type {Octokit} from '@octokit/rest';
import type {Report} from '../core/report.js';
import {COMMENT_MAX_LENGTH, commentMarker, formatMarkdown} from '../formatters/markdown.js';
import {upsertComment, viewerLogin, type CommentResult, type Viewer} from './comment.js';
import {maskCommand, workflowCommand} from './commands.js';
import type {GitHubContext} from './context.js';
import {syncTrackingIssue, TRACKING_LABEL, type IssueResult} from './issue.js';
import {defaultKey, formerDefaultKey} from './key.js';
import {setStatus, type StatusResult} from './status.js';
import {annotations, appendSummary} from './summary.js';
import {firstLine} from '../core/text.js';

/** Octokit has no timeout of its own: a stalled connection would hold the job until GitHub kills it. */
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** A rate limit that lifts sooner than this is waited out once; a later one is reported instead. */
const MAX_RETRY_WAIT_MS = 30_000;
/** GitHub's advice when a secondary rate limit names no Retry-After: wait at least a minute. */
const SECONDARY_LIMIT_WAIT_MS = 60_000;

export interface PostOptions {
  /** Where to post: from githubContext(). */
  readonly context: GitHubContext;
  /** The sticky comment, when the context names a pull request. Default true. */
  readonly comment?: boolean;
  /** The commit status, when the context names a commit. Default true. */
  readonly status?: boolean;
  /**
   * Append the report to the job summary when `GITHUB_STEP_SUMMARY` is set. Default true; when
   * false the summary is still written if the comment could not be posted.
   */
  readonly summary?: boolean;
  /** Open, update or close the tracking issue (scheduled audits). Default false. */
  readonly trackingIssue?: boolean;
  /**
   * Names this report's comment, tracking issue and status context (`shipcheck (key)`). Without one
   * the comment and issue are keyed by the workflow, job and config file (see defaultKey), the same
   * on every push, and the status context is plain `shipcheck`, a name branch protection can
   * require; jobs that scan different targets for the same commit each need a key, or their
   * statuses overwrite each other.
   */
  readonly key?: string;
  /** Per request. Default 10 s. */
  readonly requestTimeoutMs?: number;
  /** Where progress lines, warnings and workflow commands go, one line per call. Default: stderr. */
  readonly print?: (line: string) => void;
}

export interface PostResult {
  readonly comment?: CommentResult;
  readonly status?: StatusResult;
  readonly issue?: IssueResult;
  /** The report was appended to the job summary. */
  readonly summary: boolean;
  /** One line each, as printed. Empty when everything went through. */
  readonly warnings: readonly string[];
}

/** One kind of request, for the messages about it. */
interface Step {
  /** "comment on pull request #5". */
  readonly what: string;
  /** The `permissions:` entry a workflow needs for it. */
  readonly permission: string;
}

/** The parts of Octokit's RequestError read here (it is not imported: @octokit/rest loads lazily). */
interface HttpError {
  readonly status: number;
  readonly message: string;
  readonly response?: {
    readonly headers: Readonly<Record<string, string | number | undefined>>;
    readonly data?: unknown;
  };
}

const isHttpError = (error: unknown): error is HttpError => error instanceof Error && typeof (error as {status?: unknown}).status === 'number';

/**
 * Octokit wraps a failed fetch as status 500 with the cause attached; our deadline's abort is a
 * DOMException named TimeoutError (compared by name: it may come from another realm).
 */
const isTimeout = (error: unknown): boolean =>
  isHttpError(error) && !error.response && (error as {cause?: {name?: unknown}}).cause?.name === 'TimeoutError';

const header = (error: HttpError, name: string): string | undefined => {
  const value = error.response?.headers[name];
  return value === undefined ? undefined : String(value);
};

/** GitHub's own message from an error body, one line. */
function githubMessage(error: HttpError): string {
  const data = error.response?.data as {message?: unknown; errors?: unknown} | undefined;
  const message = typeof data?.message === 'string' ? data.message : error.message;
  const details = Array.isArray(data?.errors) ? data.errors.map(errorDetail).filter((text) => text !== '') : [];
  return firstLine([message, ...details].join(': '));
}

/** One entry of an error body's `errors`: its message, else its field and code. */
function errorDetail(entry: unknown): string {
  if (typeof entry !== 'object' || entry === null) return '';
  const {message, field, code} = entry as {message?: unknown; field?: unknown; code?: unknown};
  return typeof message === 'string' ? message : [field, code].filter((x) => typeof x === 'string').join(' ');
}

function isRateLimit(error: HttpError): boolean {
  if (error.status === 429) return true;
  if (error.status !== 403) return false;
  return header(error, 'retry-after') !== undefined || header(error, 'x-ratelimit-remaining') === '0' || /rate limit/i.test(githubMessage(error));
}

/** How long until a rate limit lifts, from GitHub's headers; the advised minute when they say nothing. */
function rateLimitWaitMs(error: HttpError): number {
  const retryAfter = header(error, 'retry-after');
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - Date.now());
  }
  const reset = Number(header(error, 'x-ratelimit-reset'));
  if (header(error, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset)) return Math.max(0, reset * 1000 - Date.now());
  return SECONDARY_LIMIT_WAIT_MS;
}

function when(waitMs: number): string {
  if (waitMs <= 90_000) return `in ${Math.ceil(waitMs / 1000)} s`;
  const at = new Date(Date.now() + waitMs).toISOString().slice(11, 16);
  return `after ${at} UTC (in ${Math.ceil(waitMs / 60_000)} min)`;
}

/** Why the GraphQL viewer query failed, in a few words. */
function viewerFailure(error: unknown, timeoutMs: number): string {
  if (isTimeout(error)) return `no answer within ${timeoutMs / 1000} s`;
  // A GraphQL error comes back as 200 with `errors`: Octokit throws a GraphqlResponseError.
  const errors = typeof error === 'object' && error !== null ? (error as {errors?: unknown}).errors : undefined;
  if (Array.isArray(errors)) return firstLine(errors.map((e) => String((e as {message?: unknown}).message)).join('; '));
  if (isHttpError(error)) return error.response ? `${error.status} ${githubMessage(error)}` : `no answer: ${firstLine(error)}`;
  return firstLine(error);
}

/** The warning for a failed request, and whether every later request would fail the same way. */
function explain(error: unknown, step: Step, context: GitHubContext, timeoutMs: number): {message: string; fatal: boolean} {
  if (isTimeout(error)) return {message: `GitHub did not answer within ${timeoutMs / 1000} s; could not ${step.what}`, fatal: true};
  if (!isHttpError(error)) return {message: `could not ${step.what}: ${firstLine(error)}`, fatal: false};
  const said = githubMessage(error);
  if (error.status === 401)
    return {message: `GitHub rejected the token (401 ${said}): it is invalid, expired or revoked; could not ${step.what}`, fatal: true};
  if (isRateLimit(error)) {
    const secondary = /secondary/i.test(said) || (error.status === 403 && header(error, 'x-ratelimit-remaining') !== '0');
    return {
      message: `GitHub's ${secondary ? 'secondary ' : ''}rate limit stopped us (${error.status}); could not ${step.what}: retry ${when(rateLimitWaitMs(error))}`,
      fatal: true,
    };
  }
  if (error.status === 403) {
    if (context.fork && context.eventName === 'pull_request')
      return {message: `could not ${step.what}: a pull request from a fork gets a read-only token (403 ${said})`, fatal: true};
    return {
      message: `could not ${step.what}: the token lacks permission (403 ${said}); give the job \`permissions: ${step.permission}\``,
      fatal: false,
    };
  }
  if (error.status === 404) {
    const where = context.apiUrl === 'https://api.github.com' ? '' : ` at ${context.apiUrl}`;
    return {
      message: `could not ${step.what}: ${context.owner}/${context.repo}${where} was not found or the token cannot see it (404 ${said})`,
      fatal: false,
    };
  }
  if (error.status === 422) return {message: `GitHub refused to ${step.what} (422 ${said})`, fatal: false};
  // Octokit reports a request that got no answer at all (refused, reset, DNS) as status 500 without a response.
  if (!error.response) return {message: `cannot reach GitHub at ${context.apiUrl} (${firstLine(error)}); could not ${step.what}`, fatal: true};
  return {message: `GitHub answered ${error.status} (${said}); could not ${step.what}`, fatal: error.status >= 500};
}

const SILENT = {debug: () => {}, info: () => {}, warn: () => {}, error: () => {}};

/**
 * An Octokit whose every request has its own deadline, and which sits out one rate limit per post
 * (if it lifts within MAX_RETRY_WAIT_MS), never more: a second limit is reported, not waited for.
 */
async function client(context: GitHubContext, version: string, timeoutMs: number): Promise<Octokit> {
  // Loaded here: Octokit costs start-up time that scans without --github never need to pay.
  const {Octokit} = await import('@octokit/rest');
  const octokit = new Octokit({
    auth: context.token,
    baseUrl: context.apiUrl,
    userAgent: `shipcheck/${version}`,
    // Octokit's own log would print each failed request; our warnings say what to do instead.
    log: SILENT,
    // The deadline goes on each fetch: Octokit's hooks cannot add a signal to the options they pass
    // on (before-after-hook binds them), and the signal also bounds reading the response body.
    request: {fetch: (url: string, init: RequestInit) => globalThis.fetch(url, {...init, signal: AbortSignal.timeout(timeoutMs)})},
  });
  let retries = 1;
  octokit.hook.wrap('request', async (request, options) => {
    for (;;) {
      try {
        return await request(options);
      } catch (error) {
        if (!isHttpError(error) || !isRateLimit(error) || retries === 0) throw error;
        const wait = rateLimitWaitMs(error);
        if (wait > MAX_RETRY_WAIT_MS) throw error;
        retries--;
        await sleep(wait);
      }
    }
  });
  return octokit;
}

/** Where lines go: progress, and warnings (as workflow commands inside Actions). */
interface Output {
  readonly print: (line: string) => void;
  readonly warn: (message: string) => void;
}

export async function postToGitHub(report: Report, options: PostOptions): Promise<PostResult> {
  const {context} = options;
  const print = options.print ?? ((line: string) => process.stderr.write(`${line}\n`));
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
    print(context.actions ? workflowCommand('warning', {title: 'shipcheck'}, message) : `shipcheck: warning: ${message}`);
  };
  if (context.actions) print(maskCommand(context.token));
  try {
    return {...(await post(report, options, {print, warn})), warnings};
  } catch (error) {
    // A bug of ours (in a formatter, say) must not turn a finished scan into a crash: its verdict stands.
    warn(`could not post the report to GitHub: internal error: ${firstLine(error)}`);
    return {summary: false, warnings};
  }
}

async function post(report: Report, options: PostOptions, {print, warn}: Output): Promise<Omit<PostResult, 'warnings'>> {
  const {context} = options;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;

  // The key of the hidden first-line marker of the comment, the tracking issue and the summary.
  const marker = {marker: options.key ? options.key : defaultKey(context, report)};
  // What an earlier version keyed by the target URLs is found too, and re-keyed as it is rewritten.
  const find = options.key ? {} : {formerMarkers: [commentMarker(formerDefaultKey(report))]};
  const octokit = await client(context, report.tool.version, timeoutMs);
  const repo = {owner: context.owner, repo: context.repo};
  // Set by a failure every later request would share (bad token, rate limit, read-only token, no network).
  let stopped = false;
  const attempt = async <T>(step: Step, run: () => Promise<T>): Promise<T | undefined> => {
    if (stopped) return undefined;
    try {
      return await run();
    } catch (error) {
      const {message, fatal} = explain(error, step, context, timeoutMs);
      warn(message);
      stopped ||= fatal;
      return undefined;
    }
  };

  // Who the token is: asked once, and only when a comment or issue carries our marker.
  let viewer: Promise<string | undefined> | undefined;
  const whoAmI: Viewer = () =>
    (viewer ??= viewerLogin(octokit).catch((error: unknown) => {
      warn(
        `could not ask GitHub who the token is (GraphQL viewer: ${viewerFailure(error, timeoutMs)}); a comment or issue with our marker counts as ours only when a bot wrote it, and none is deleted`,
      );
      return undefined;
    }));

  let comment: CommentResult | undefined;
  let commentFailed = false;
  if (options.comment !== false && context.pr !== undefined) {
    const pr = context.pr;
    const body = formatMarkdown(report, {...marker, maxLength: COMMENT_MAX_LENGTH});
    comment = await attempt({what: `comment on pull request #${pr}`, permission: 'pull-requests: write'}, () =>
      upsertComment(octokit, {...repo, pr}, body, whoAmI, find),
    );
    commentFailed = comment === undefined;
    if (comment) print(`shipcheck: report comment ${comment.action} on pull request #${pr}: ${comment.url}`);
  }

  let status: StatusResult | undefined;
  if (options.status !== false && context.sha) {
    const sha = context.sha;
    status = await attempt({what: `set the commit status on ${sha.slice(0, 7)}`, permission: 'statuses: write'}, () =>
      setStatus(octokit, {...repo, sha}, report, {
        ...(options.key ? {key: options.key} : {}),
        ...(context.runUrl ? {targetUrl: context.runUrl} : {}),
      }),
    );
    if (status) print(`shipcheck: commit status "${status.context}" is ${status.state} on ${sha.slice(0, 7)}`);
  }

  let issue: IssueResult | undefined;
  if (options.trackingIssue) {
    const targets = report.targets.map((t) => t.url).join(', ');
    issue = await attempt({what: 'update the tracking issue', permission: 'issues: write'}, () =>
      syncTrackingIssue(
        octokit,
        {
          ...repo,
          title: `shipcheck: ${options.key ?? targets} fails its security checks`.slice(0, 256),
          body: formatMarkdown(report, {...marker, maxLength: COMMENT_MAX_LENGTH}),
          passed: report.passed,
          ...(context.runUrl ? {runUrl: context.runUrl} : {}),
        },
        whoAmI,
        find,
      ),
    );
    if (issue && issue.action !== 'none') print(`shipcheck: tracking issue #${issue.number} ${issue.action}: ${issue.url}`);
    if (issue?.unlabelled)
      warn(
        `the tracking issue #${issue.number} has no "${TRACKING_LABEL}" label (the token may not set labels), so the next run will not find it: create the label in the repository`,
      );
  }

  let summary = false;
  if (context.summaryFile && (options.summary !== false || commentFailed)) {
    try {
      summary = await appendSummary(context.summaryFile, report, marker);
      if (!summary) warn('the job summary is nearly full (1 MiB) from earlier steps; the report is not in it');
    } catch (error) {
      warn(`cannot write the job summary ${context.summaryFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  if (commentFailed) warn(summary ? 'the report is in the job summary instead of a comment' : 'the report was posted nowhere on GitHub');

  // The runner turns these into annotations; elsewhere they would only be noise.
  if (context.actions) for (const line of annotations(report)) print(line);

  return {...(comment ? {comment} : {}), ...(status ? {status} : {}), ...(issue ? {issue} : {}), summary};
}
