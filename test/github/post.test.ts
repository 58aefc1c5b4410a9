/**
 * postToGitHub against the simulator: the sticky comment's life cycle and whose comment is ours,
 * its key across pushes, the commit status on the PR head from real `pull_request` and
 * `workflow_run` payloads, the tracking issue, and every refusal GitHub can answer with. Every
 * test ends by asserting that GitHub's OpenAPI description accepted every request.
 */
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from '@jest/globals';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {githubContext, type GitHubContext} from '../../src/github/context.js';
import {postToGitHub, type PostOptions, type PostResult} from '../../src/github/post.js';
import {writtenBy} from '../../src/github/comment.js';
import {formerDefaultKey} from '../../src/github/key.js';
import {commentMarker} from '../../src/formatters/markdown.js';
import {isBlocking, summarize, type Report, type TargetReport} from '../../src/core/report.js';
import {writePullRequestEvent, writeWorkflowRunEvent, type WrittenEvent} from './event.js';
import {failingReport, hugeReport, passingReport} from './reports.js';
import {ACTIONS_BOT, GitHubSimulator, HUMAN, type SimUser} from './simulator.js';

/** Every fetch the code under test makes; the assertion at the end says they all went to the simulator. */
const contacted = new Set<string>();
const realFetch = globalThis.fetch;
beforeAll(() => {
  globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    contacted.add(url.host);
    if (url.hostname !== '127.0.0.1') return Promise.reject(new Error(`test tried to reach ${url.host}`));
    return realFetch(input, init);
  };
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

/** On a pull_request event GITHUB_SHA is the test merge commit; the status must not go there. */
const MERGE_SHA = 'f'.repeat(40);
const PR = 7;

let sim: GitHubSimulator;
let dir: string;
let event: WrittenEvent;
let summaryFile: string;
let lines: string[];

beforeEach(async () => {
  sim = await GitHubSimulator.start();
  dir = await mkdtemp(join(tmpdir(), 'shipcheck-github-'));
  event = await writePullRequestEvent({owner: sim.owner, repo: sim.repo, number: PR, dir});
  sim.addPullRequest(PR, event.headSha);
  summaryFile = join(dir, 'summary.md');
  await writeFile(summaryFile, '');
  lines = [];
});

afterEach(async () => {
  expect(sim.violations).toEqual([]);
  await sim.close();
  await rm(dir, {recursive: true, force: true});
  expect([...contacted].every((host) => host === new URL(sim.url).host)).toBe(true);
  contacted.clear();
});

function env(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return sim.actionsEnv({
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event.file,
    GITHUB_SHA: MERGE_SHA,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKFLOW: 'Preview',
    GITHUB_JOB: 'shipcheck',
    ...overrides,
  });
}

async function post(report: Report, options: Partial<PostOptions> = {}, context?: GitHubContext): Promise<PostResult> {
  return postToGitHub(report, {context: context ?? (await githubContext(env())), print: (line) => lines.push(line), ...options});
}

/** failingReport with its target changed, the summary and verdict recomputed as a scan makes them. */
function failingReportWith(change: (t: TargetReport) => TargetReport): Report {
  const base = failingReport();
  const targets = base.targets.map(change);
  const passed = !targets.some((t) => t.notJudged !== undefined || t.results.some(isBlocking));
  return {...base, targets, summary: summarize(targets), passed};
}

const ours = (): ReturnType<GitHubSimulator['commentsOn']> => sim.commentsOn(PR).filter((c) => c.body.startsWith('<!-- shipcheck:'));

describe('the sticky comment', () => {
  it('is created on the first run, with the marker on its first line', async () => {
    const result = await post(failingReport());
    expect(result.warnings).toEqual([]);
    expect(result.comment?.action).toBe('created');
    const comments = sim.commentsOn(PR);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.split('\n')[0]).toMatch(/^<!-- shipcheck:[^ ]+ -->$/);
    expect(comments[0]!.body).toContain('shipcheck failed');
    expect(result.comment?.url).toBe(`https://github.com/${sim.owner}/${sim.repo}/pull/${PR}#issuecomment-${comments[0]!.id}`);
  });

  it('is updated in place on the second run', async () => {
    await post(failingReport('2025-01-01T00:00:00.000Z'));
    const [first] = sim.commentsOn(PR);
    const result = await post(failingReport('2025-01-02T00:00:00.000Z'));
    expect(result.comment).toMatchObject({action: 'updated', id: first!.id, removed: 0});
    expect(sim.commentsOn(PR)).toHaveLength(1);
    expect(sim.commentsOn(PR)[0]!.body).toContain('started 2025\\-01\\-02');
    expect(sim.calls('issues/create-comment')).toHaveLength(1);
  });

  it('is not written again when nothing changed', async () => {
    await post(failingReport());
    // Saved once from the web editor: the same text with CRLF line ends.
    const [stored] = sim.commentsOn(PR);
    stored!.body = stored!.body.replace(/\n/g, '\r\n');
    const result = await post(failingReport());
    expect(result.comment?.action).toBe('unchanged');
    expect(sim.calls('issues/update-comment')).toHaveLength(0);
    expect(sim.calls('issues/create-comment')).toHaveLength(1);
  });

  it('keeps the oldest of duplicate comments of ours and deletes the others', async () => {
    const marker = commentMarker('preview');
    const oldest = sim.addComment(PR, `${marker}\nold report`, ACTIONS_BOT);
    sim.addComment(PR, `${marker}\r\nolder run, edited in the web UI`, ACTIONS_BOT);
    sim.addComment(PR, `${marker}\nconcurrent run`, ACTIONS_BOT);
    const result = await post(failingReport(), {key: 'preview'});
    expect(result.comment).toMatchObject({action: 'updated', id: oldest.id, removed: 2});
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.id).toBe(oldest.id);
    expect(sim.calls('issues/delete-comment')).toHaveLength(2);
  });

  it('never touches a comment whose first line is not exactly our marker', async () => {
    const marker = commentMarker('preview');
    const quoting = sim.addComment(PR, `> ${marker}\n> ❌ shipcheck failed: 2 blocking\n\nIs this real?`, HUMAN);
    const below = sim.addComment(PR, `Pasting the bot's comment:\n${marker}\n### ❌ shipcheck failed`, HUMAN);
    const other = sim.addComment(PR, `${commentMarker('staging')}\nanother target's report`, ACTIONS_BOT);
    const before = sim.commentsOn(PR).map((c) => ({...c}));
    const result = await post(failingReport(), {key: 'preview'});
    expect(result.comment?.action).toBe('created');
    for (const c of [quoting, below, other]) expect(sim.commentsOn(PR).find((x) => x.id === c.id)).toEqual(before.find((x) => x.id === c.id));
    expect(sim.calls('issues/update-comment')).toHaveLength(0);
    expect(sim.calls('issues/delete-comment')).toHaveLength(0);
  });

  it('finds its comment among more than one page of comments', async () => {
    for (let i = 0; i < 130; i++) sim.addComment(PR, `comment ${i}`, HUMAN);
    await post(failingReport('2025-01-01T00:00:00.000Z'));
    await post(failingReport('2025-01-02T00:00:00.000Z'));
    expect(ours()).toHaveLength(1);
    expect(sim.calls('issues/list-comments').length).toBeGreaterThanOrEqual(4);
  });

  it('is shortened under 60,000 characters, with a note, when the report is longer', async () => {
    const result = await post(hugeReport());
    expect(result.warnings).toEqual([]);
    const [comment] = ours();
    expect(comment!.body.length).toBeLessThanOrEqual(60_000);
    expect(comment!.body).toContain('Shortened to stay under 60,000 characters');
    // The job summary has room for much more of it.
    expect((await readFile(summaryFile, 'utf8')).length).toBeGreaterThan(60_000);
  });
});

describe('whose comment is ours', () => {
  const PREVIEW = commentMarker('preview');
  /** A deploy bot that runs with a personal token: GraphQL names it, and it writes as a User. */
  const RELEASE_BOT: SimUser = {login: 'release-bot', id: 7_100_001, type: 'User'};
  const unchanged = (c: {id: number}, before: readonly {id: number}[]): void =>
    expect(sim.commentsOn(PR).find((x) => x.id === c.id)).toEqual(before.find((x) => x.id === c.id));

  it("a person's comment starting with our marker line is neither updated nor deleted; our own duplicates still are", async () => {
    const person = sim.addComment(PR, `${PREVIEW}\nI pasted the report to ask about it.`, HUMAN);
    const oldest = sim.addComment(PR, `${PREVIEW}\nold report`, ACTIONS_BOT);
    sim.addComment(PR, `${PREVIEW}\nconcurrent run`, ACTIONS_BOT);
    const before = sim.commentsOn(PR).map((c) => ({...c}));
    const result = await post(failingReport(), {key: 'preview'});
    expect(result.warnings).toEqual([]);
    expect(result.comment).toMatchObject({action: 'updated', id: oldest.id, removed: 1});
    unchanged(person, before);
    expect(sim.commentsOn(PR).map((c) => c.id)).toEqual([person.id, oldest.id]);
    expect(sim.calls('issues/update-comment').map((r) => r.url)).toEqual([expect.stringContaining(`/comments/${oldest.id}`)]);
    // Asked once, at github.com's GraphQL path.
    expect(sim.calls('graphql')).toEqual([expect.objectContaining({method: 'POST', url: '/graphql', status: 200})]);
  });

  it('does not ask who the token is while no comment carries the marker', async () => {
    await post(failingReport(), {key: 'preview'});
    expect(sim.calls('graphql')).toHaveLength(0);
  });

  it("is the token's own identity: a marked comment by another bot is left alone", async () => {
    sim.viewer = RELEASE_BOT;
    const actions = sim.addComment(PR, `${PREVIEW}\nthe Actions job's report`, ACTIONS_BOT);
    const before = sim.commentsOn(PR).map((c) => ({...c}));
    const first = await post(failingReport('2025-01-01T00:00:00.000Z'), {key: 'preview'});
    expect(first.comment).toMatchObject({action: 'created', removed: 0});
    unchanged(actions, before);
    const second = await post(failingReport('2025-01-02T00:00:00.000Z'), {key: 'preview'});
    expect(second.comment).toMatchObject({action: 'updated', id: first.comment!.id, removed: 0});
    expect(sim.commentsOn(PR).find((c) => c.id === first.comment!.id)!.user.login).toBe('release-bot');
    unchanged(actions, before);
  });

  it("compares an app's login with or without [bot], and never a person's", () => {
    expect(writtenBy({login: 'github-actions[bot]', type: 'Bot'}, 'github-actions')).toBe(true);
    expect(writtenBy({login: 'GitHub-Actions[bot]', type: 'Bot'}, 'github-actions[bot]')).toBe(true);
    expect(writtenBy({login: 'github-actions', type: 'User'}, 'github-actions[bot]')).toBe(false);
    expect(writtenBy({login: 'octocat', type: 'User'}, 'OctoCat')).toBe(true);
    expect(writtenBy(null, 'github-actions[bot]')).toBe(false);
  });

  it.each([
    ['forbidden', '403 Resource not accessible by integration'],
    ['not-found', '404 Not Found'],
    ['errors', 'Resource not accessible by integration'],
    ['reset', 'no answer: '],
  ] as const)("when GitHub will not say who the token is (%s): updates only a bot's comment, deletes nothing, and warns", async (knob, reason) => {
    sim.knobs.graphql = knob;
    const person = sim.addComment(PR, `${PREVIEW}\nmine`, HUMAN);
    const oldest = sim.addComment(PR, `${PREVIEW}\nold report`, ACTIONS_BOT);
    const duplicate = sim.addComment(PR, `${PREVIEW}\nconcurrent run`, ACTIONS_BOT);
    const before = sim.commentsOn(PR).map((c) => ({...c}));
    const result = await post(failingReport(), {key: 'preview'});
    expect(result.comment).toMatchObject({action: 'updated', id: oldest.id, removed: 0});
    unchanged(person, before);
    unchanged(duplicate, before);
    expect(sim.calls('issues/delete-comment')).toHaveLength(0);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain(`could not ask GitHub who the token is (GraphQL viewer: ${reason}`);
    expect(result.warnings[0]).toMatch(/; a comment or issue with our marker counts as ours only when a bot wrote it, and none is deleted$/);
    // The status and the rest still go out.
    expect(result.status?.state).toBe('failure');
  });

  it('asks GitHub Enterprise Server at /api/graphql when the API root ends in /api/v3', async () => {
    await sim.close();
    sim = await GitHubSimulator.start({enterprise: true});
    sim.addPullRequest(PR, event.headSha);
    expect(sim.url).toMatch(/\/api\/v3$/);
    const oldest = sim.addComment(PR, `${PREVIEW}\nold report`, ACTIONS_BOT);
    sim.addComment(PR, `${PREVIEW}\nconcurrent run`, ACTIONS_BOT);
    const result = await post(failingReport(), {key: 'preview'});
    expect(result.warnings).toEqual([]);
    expect(result.comment).toMatchObject({action: 'updated', id: oldest.id, removed: 1});
    expect(sim.calls('graphql')).toEqual([expect.objectContaining({url: '/api/graphql', status: 200})]);
    expect(sim.requests.filter((r) => r.operation !== 'graphql').every((r) => r.url.startsWith('/api/v3/'))).toBe(true);
  });
});

describe('the default key', () => {
  const at = (url: string, startedAt?: string): Report => {
    const base = failingReport(startedAt);
    return {...base, targets: base.targets.map((t) => ({...t, url}))};
  };

  it('is the same for every push of one workflow and job: new preview URLs update one comment', async () => {
    const first = await post(at('https://pr-7-a1b2c3.preview.example.test/', '2025-01-01T00:00:00.000Z'));
    const second = await post(at('https://pr-7-d4e5f6.preview.example.test/', '2025-01-02T00:00:00.000Z'));
    expect(first.comment?.action).toBe('created');
    expect(second.comment).toMatchObject({action: 'updated', id: first.comment!.id});
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.body).toContain('`https://pr-7-d4e5f6.preview.example.test/`');
    expect(sim.statuses.map((s) => s.context)).toEqual(['shipcheck', 'shipcheck']);
  });

  it('differs between jobs and between config files, and a key still overrides it', async () => {
    const report = failingReport();
    await post(report);
    await post(report, {}, await githubContext(env({GITHUB_JOB: 'audit'})));
    await post({...report, targets: report.targets.map((t) => ({...t, source: {file: 'shipcheck.staging.yml', line: 4}}))});
    await post(report, {key: 'staging'});
    const markers = ours().map((c) => c.body.split('\n')[0]);
    expect(new Set(markers).size).toBe(4);
    expect(markers[3]).toBe(commentMarker('staging'));
  });

  it('finds a comment an earlier version keyed by the target URLs, and re-keys it', async () => {
    const report = failingReport();
    const earlier = sim.addComment(PR, `${commentMarker(formerDefaultKey(report))}\nreport of an earlier version`, ACTIONS_BOT);
    const result = await post(report);
    expect(result.comment).toMatchObject({action: 'updated', id: earlier.id});
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.body.split('\n')[0]).not.toBe(commentMarker(formerDefaultKey(report)));
    // Re-keyed: the next run finds it by the new key alone.
    const again = await post(failingReport('2025-02-01T00:00:00.000Z'));
    expect(again.comment).toMatchObject({action: 'updated', id: earlier.id});
  });
});

describe('under workflow_run (the fork-safe pattern)', () => {
  it("sets the status on the run's head commit and comments on its pull request, not on GITHUB_SHA", async () => {
    const run = await writeWorkflowRunEvent({owner: sim.owner, repo: sim.repo, number: PR, dir});
    const context = await githubContext(env({GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: run.file}));
    expect(context).toMatchObject({pr: PR, sha: run.headSha, fork: false});
    const result = await post(failingReport(), {}, context);
    expect(result.warnings).toEqual([]);
    expect(result.comment?.action).toBe('created');
    expect(sim.statuses).toEqual([expect.objectContaining({sha: run.headSha, state: 'failure'})]);
    expect(run.headSha).not.toBe(MERGE_SHA);
  });

  it('from a fork GitHub lists no pull request: --pr names it, and the status still goes on the head', async () => {
    const run = await writeWorkflowRunEvent({owner: sim.owner, repo: sim.repo, number: PR, fork: true, dir});
    const envRun = env({GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: run.file});
    const alone = await githubContext(envRun);
    expect(alone.pr).toBeUndefined();
    expect(alone).toMatchObject({sha: run.headSha, fork: true});
    const result = await post(failingReport(), {}, await githubContext(envRun, {pr: PR}));
    expect(result.comment?.action).toBe('created');
    expect(sim.statuses[0]).toMatchObject({sha: run.headSha});
  });

  it('posts no status at all rather than on the wrong commit when the payload names none', async () => {
    const context = await githubContext(env({GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: ''}));
    expect(context.sha).toBeUndefined();
    expect(context.pr).toBeUndefined();
  });
});

describe('the commit status', () => {
  it('goes on the head SHA of the real pull_request payload, not on GITHUB_SHA', async () => {
    const result = await post(failingReport());
    expect(sim.statuses).toHaveLength(1);
    const [status] = sim.statuses;
    expect(status).toMatchObject({
      sha: event.headSha,
      state: 'failure',
      context: 'shipcheck',
      targetUrl: `https://github.com/${sim.owner}/${sim.repo}/actions/runs/4242`,
    });
    expect(event.headSha).not.toBe(MERGE_SHA);
    expect(status!.description!.length).toBeLessThanOrEqual(140);
    expect(status!.description).toBe('Failed: 2 blocking, 2 failed, 0 warnings, 1 passed');
    expect(result.status).toEqual({state: 'failure', context: 'shipcheck', description: status!.description});
  });

  it('calls only what gates failed: a failure at level warn is a warning', async () => {
    await post(failingReportWith((t) => ({...t, results: t.results.map((r) => (r.id === 'csp' ? {...r, level: 'warn' as const} : r))})));
    expect(sim.statuses[0]).toMatchObject({state: 'failure', description: 'Failed: 1 blocking, 1 failed, 1 warning, 1 passed'});
  });

  it('is success when every failure is at level warn', async () => {
    await post(failingReportWith((t) => ({...t, results: t.results.map((r) => ({...r, level: 'warn' as const}))})));
    expect(sim.statuses[0]).toMatchObject({state: 'success', description: 'Passed: 0 failed, 2 warnings, 1 passed'});
  });

  it('is failure for a target that was not judged, and says so', async () => {
    await post(
      failingReportWith((t) => ({
        ...t,
        notJudged: 'no check that gates the run is enabled for this target',
        results: t.results.map((r) => ({...r, level: 'warn' as const})),
      })),
    );
    expect(sim.statuses[0]).toMatchObject({state: 'failure', description: 'Failed: 1 target not judged, 0 failed, 2 warnings, 1 passed'});
  });

  it('is success for a passing report, and names the key in its context', async () => {
    await post(passingReport(), {key: 'staging'});
    expect(sim.statuses[0]).toMatchObject({state: 'success', context: 'shipcheck (staging)'});
  });

  it('uses --repo, --pr and --sha outside Actions, with no workflow commands', async () => {
    const sha = 'a'.repeat(40);
    const context = await githubContext({GITHUB_TOKEN: sim.token, GITHUB_API_URL: sim.url}, {repo: `${sim.owner}/${sim.repo}`, pr: PR, sha});
    const result = await post(failingReport(), {}, context);
    expect(result).toMatchObject({comment: {action: 'created'}, status: {state: 'failure'}, summary: false, warnings: []});
    expect(sim.statuses[0]!.sha).toBe(sha);
    expect(lines.some((l) => l.startsWith('::'))).toBe(false);
    expect(lines.join('\n')).not.toContain(sim.token);
  });
});

describe('the job summary and annotations', () => {
  it('appends the report to GITHUB_STEP_SUMMARY, masks the token and annotates each failure', async () => {
    await writeFile(summaryFile, '## An earlier step\n\n');
    const result = await post(failingReport());
    expect(result.summary).toBe(true);
    const summary = await readFile(summaryFile, 'utf8');
    expect(summary.startsWith('## An earlier step\n\n<!-- shipcheck:')).toBe(true);
    expect(lines[0]).toBe(`::add-mask::${sim.token}`);
    const errors = lines.filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBe(
      `::error title=shipcheck%3A hsts is missing::https://preview.example.test/ [hsts]%0AThe response has no Strict-Transport-Security header.%0AFix: nginx: \`add_header hsts "…" always;\``,
    );
  });

  it('is written with summary off when the comment could not be posted', async () => {
    sim.knobs.readOnly = true;
    const result = await post(failingReport(), {summary: false});
    expect(result.summary).toBe(true);
    expect(await readFile(summaryFile, 'utf8')).toContain('shipcheck failed');
  });
});

describe('refusals', () => {
  it('fork PR: read-only token, a warning, the report in the job summary, nothing thrown', async () => {
    event = await writePullRequestEvent({owner: sim.owner, repo: sim.repo, number: PR, fork: true, dir});
    sim.knobs.readOnly = true;
    const context = await githubContext(env());
    expect(context.fork).toBe(true);
    const exitCode = process.exitCode;
    const result = await post(failingReport(), {}, context);
    expect(process.exitCode).toBe(exitCode);
    expect(result.comment).toBeUndefined();
    expect(result.summary).toBe(true);
    expect(result.warnings).toEqual([
      `could not comment on pull request #${PR}: a pull request from a fork gets a read-only token (403 Resource not accessible by integration)`,
      'the report is in the job summary instead of a comment',
    ]);
    expect(lines).toContain(
      `::warning title=shipcheck::could not comment on pull request #${PR}: a pull request from a fork gets a read-only token (403 Resource not accessible by integration)`,
    );
    // The status would be refused the same way: not even tried.
    expect(sim.calls('repos/create-commit-status')).toHaveLength(0);
    expect(await readFile(summaryFile, 'utf8')).toContain('shipcheck failed');
  });

  it('missing permission: names the permissions: entry to add for each refused write', async () => {
    sim.knobs.readOnly = true;
    const result = await post(failingReport());
    expect(result.warnings).toEqual([
      `could not comment on pull request #${PR}: the token lacks permission (403 Resource not accessible by integration); give the job \`permissions: pull-requests: write\``,
      `could not set the commit status on ${event.headSha.slice(0, 7)}: the token lacks permission (403 Resource not accessible by integration); give the job \`permissions: statuses: write\``,
      'the report is in the job summary instead of a comment',
    ]);
  });

  it('secondary rate limit with a short Retry-After: waits it out once and goes on', async () => {
    sim.knobs.rateLimit = {kind: 'secondary', count: 1, retryAfterSeconds: 1};
    const started = Date.now();
    const result = await post(failingReport());
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(result.warnings).toEqual([]);
    expect(result.comment?.action).toBe('created');
    expect(sim.requests.filter((r) => r.status === 403)).toHaveLength(1);
  });

  it('secondary rate limit: never waits twice, says when to retry and stops calling', async () => {
    sim.knobs.rateLimit = {kind: 'secondary', count: 5, retryAfterSeconds: 1};
    const started = Date.now();
    const result = await post(failingReport());
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.warnings[0]).toBe(`GitHub's secondary rate limit stopped us (403); could not comment on pull request #${PR}: retry in 1 s`);
    expect(sim.requests).toHaveLength(2);
    expect(result.summary).toBe(true);
  });

  it('secondary rate limit with a long Retry-After: does not sleep at all', async () => {
    sim.knobs.rateLimit = {kind: 'secondary', count: 1, retryAfterSeconds: 600};
    const started = Date.now();
    const result = await post(failingReport());
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.warnings[0]).toMatch(
      /secondary rate limit stopped us \(403\); could not comment on pull request #7: retry after \d\d:\d\d UTC \(in 10 min\)$/,
    );
    expect(sim.requests).toHaveLength(1);
  });

  it('primary rate limit: says when it resets', async () => {
    sim.knobs.rateLimit = {kind: 'primary', count: 1};
    const result = await post(failingReport());
    expect(result.warnings[0]).toMatch(
      /^GitHub's rate limit stopped us \(403\); could not comment on pull request #7: retry after \d\d:\d\d UTC \(in 30 min\)$/,
    );
  });

  it('404: the repository does not exist or the token cannot see it', async () => {
    const context = await githubContext(env({GITHUB_REPOSITORY: `${sim.owner}/no-such-repo`}));
    const result = await post(failingReport(), {}, context);
    expect(result.warnings[0]).toBe(
      `could not comment on pull request #${PR}: ${sim.owner}/no-such-repo at ${sim.url} was not found or the token cannot see it (404 Not Found)`,
    );
    expect(result.summary).toBe(true);
  });

  it("422: GitHub's validation message is shown", async () => {
    sim.knobs.maxBodyLength = 100;
    const result = await post(failingReport());
    expect(result.warnings[0]).toBe(
      `GitHub refused to comment on pull request #${PR} (422 Validation Failed: body is too long (maximum is 65536 characters))`,
    );
    expect(result.status?.state).toBe('failure');
  });

  it('401: a bad token is named, and nothing else is tried', async () => {
    const context = await githubContext(env({GITHUB_TOKEN: 'ghs_revoked'}));
    const result = await post(failingReport(), {}, context);
    expect(result.warnings[0]).toBe(
      `GitHub rejected the token (401 Bad credentials): it is invalid, expired or revoked; could not comment on pull request #${PR}`,
    );
    expect(sim.requests).toHaveLength(1);
    expect(lines[0]).toBe('::add-mask::ghs_revoked');
    expect(lines.slice(1).join('\n')).not.toContain('ghs_revoked');
  });

  it('a stalled API times out per request instead of hanging the job', async () => {
    sim.knobs.stall = true;
    const started = Date.now();
    const result = await post(failingReport(), {requestTimeoutMs: 300});
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.warnings[0]).toBe(`GitHub did not answer within 0.3 s; could not comment on pull request #${PR}`);
    expect(sim.requests).toHaveLength(1);
  });
});

describe('the tracking issue', () => {
  beforeEach(async () => {
    // Scheduled audits run on `schedule`: no pull request, and GITHUB_SHA is the commit audited.
    await rm(event.file);
  });

  const scheduled = (): Promise<GitHubContext> => githubContext(env({GITHUB_EVENT_NAME: 'schedule', GITHUB_EVENT_PATH: ''}));

  it('is opened while failing, updated on the next failure, closed with a comment once passing', async () => {
    const context = await scheduled();
    const opened = await post(failingReport('2025-01-01T00:00:00.000Z'), {trackingIssue: true, key: 'staging'}, context);
    expect(opened.issue).toMatchObject({action: 'opened'});
    const issue = sim.issues.find((i) => i.number === opened.issue!.number)!;
    expect(issue).toMatchObject({state: 'open', labels: ['shipcheck'], title: 'shipcheck: staging fails its security checks'});
    expect(issue.body!.split('\n')[0]).toBe(commentMarker('staging'));
    expect(sim.statuses[0]).toMatchObject({sha: MERGE_SHA, context: 'shipcheck (staging)'});

    const updated = await post(failingReport('2025-01-02T00:00:00.000Z'), {trackingIssue: true, key: 'staging'}, context);
    expect(updated.issue).toMatchObject({action: 'updated', number: issue.number});
    expect(issue.body).toContain('started 2025\\-01\\-02');

    const same = await post(failingReport('2025-01-02T00:00:00.000Z'), {trackingIssue: true, key: 'staging'}, context);
    expect(same.issue?.action).toBe('unchanged');

    const closed = await post(passingReport(), {trackingIssue: true, key: 'staging'}, context);
    expect(closed.issue).toMatchObject({action: 'closed', number: issue.number});
    expect(issue).toMatchObject({state: 'closed', stateReason: 'completed'});
    expect(sim.commentsOn(issue.number)[0]!.body).toBe(
      'Every check passes again ([run](https://github.com/shipcheck-test/preview-site/actions/runs/4242)); closing.',
    );

    const quiet = await post(passingReport(), {trackingIssue: true, key: 'staging'}, context);
    expect(quiet.issue?.action).toBe('none');
    expect(sim.issues.filter((i) => !i.headSha)).toHaveLength(1);
    expect(quiet.warnings).toEqual([]);
  });

  it("leaves other targets' issues, people's issues and pull requests alone", async () => {
    const context = await scheduled();
    const other = sim.addIssue('shipcheck: production fails', `${commentMarker('production')}\nreport`, ['shipcheck']);
    const human = sim.addIssue('Copy of the report', `> ${commentMarker('staging')}`, ['shipcheck'], HUMAN);
    const result = await post(failingReport(), {trackingIssue: true, key: 'staging'}, context);
    expect(result.issue?.action).toBe('opened');
    expect([other.number, human.number]).not.toContain(result.issue!.number);
    expect(sim.calls('issues/update')).toHaveLength(0);
  });

  it("never edits or closes a person's issue that starts with our marker line", async () => {
    const context = await scheduled();
    const person = sim.addIssue('Our notes on the audit', `${commentMarker('staging')}\nnotes`, ['shipcheck'], HUMAN);
    const opened = await post(failingReport(), {trackingIssue: true, key: 'staging', status: false}, context);
    expect(opened.issue?.action).toBe('opened');
    expect(opened.issue?.number).not.toBe(person.number);
    const closed = await post(passingReport(), {trackingIssue: true, key: 'staging', status: false}, context);
    expect(closed.issue).toMatchObject({action: 'closed', number: opened.issue!.number});
    expect(person).toMatchObject({state: 'open', title: 'Our notes on the audit', body: `${commentMarker('staging')}\nnotes`});
    expect(sim.calls('issues/update').every((r) => !r.url.endsWith(`/issues/${person.number}`))).toBe(true);
  });

  it('needs issues: write', async () => {
    sim.knobs.readOnly = true;
    const result = await post(failingReport(), {trackingIssue: true, status: false}, await scheduled());
    expect(result.warnings).toEqual([
      'could not update the tracking issue: the token lacks permission (403 Resource not accessible by integration); give the job `permissions: issues: write`',
    ]);
  });
});

describe('githubContext', () => {
  it('refuses to start without a token, and never takes one from anywhere else', async () => {
    await expect(githubContext(env({GITHUB_TOKEN: ''}))).rejects.toThrow(/GITHUB_TOKEN is not set/);
  });

  it('rejects malformed --repo, --pr and --sha', async () => {
    await expect(githubContext(env(), {repo: 'just-a-name'})).rejects.toThrow('--repo "just-a-name" is not owner/name');
    await expect(githubContext(env(), {pr: 0})).rejects.toThrow('--pr 0 is not a pull request number');
    await expect(githubContext(env(), {sha: 'abc123'})).rejects.toThrow('--sha "abc123" is not a full commit SHA');
  });

  it('defaults to api.github.com and reads a GHES API root', async () => {
    expect((await githubContext(env({GITHUB_API_URL: ''}))).apiUrl).toBe('https://api.github.com');
    expect((await githubContext(env({GITHUB_API_URL: 'https://ghe.example.test/api/v3/'}))).apiUrl).toBe('https://ghe.example.test/api/v3');
  });
});
