/**
 * Real event payloads (from `@octokit/webhooks-examples`, recorded from GitHub) for
 * GITHUB_EVENT_PATH: a copy of the `pull_request` "opened" example with its repository and PR
 * number moved to the simulator's, and optionally its head moved to a fork; and a copy of the
 * `workflow_run` "completed" example that lists a pull request, for the job that posts a fork PR's
 * report after the unprivileged run.
 */
import {mkdtemp, writeFile} from 'node:fs/promises';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

interface Repo {
  name: string;
  full_name: string;
  fork: boolean;
  owner: {login: string};
  [key: string]: unknown;
}

interface PullRequestEvent {
  action: string;
  number: number;
  repository: Repo;
  pull_request: {number: number; head: {sha: string; ref: string; repo: Repo}; base: {sha: string; repo: Repo}; [key: string]: unknown};
  [key: string]: unknown;
}

interface WorkflowRunEvent {
  action: string;
  repository: Repo;
  workflow_run: {
    event: string;
    head_sha: string;
    head_repository: Repo;
    repository: Repo;
    pull_requests: {number: number; head: {sha: string; [key: string]: unknown}; [key: string]: unknown}[];
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples') as {name: string; examples: unknown[]}[];

/** The recorded `pull_request.opened` payload, unchanged. */
export function openedExample(): PullRequestEvent {
  const example = (examples.find((e) => e.name === 'pull_request')?.examples as PullRequestEvent[] | undefined)?.find((e) => e.action === 'opened');
  if (!example) throw new Error('@octokit/webhooks-examples has no pull_request.opened example');
  return structuredClone(example);
}

function moveRepo(repo: Repo, owner: string, name: string, fork: boolean): Repo {
  return {...repo, name, full_name: `${owner}/${name}`, fork, owner: {...repo.owner, login: owner}};
}

export interface WrittenEvent {
  readonly file: string;
  readonly dir: string;
  readonly number: number;
  /** The PR head commit: where the status belongs. */
  readonly headSha: string;
}

/** Writes the adjusted payload into a fresh temp dir. */
export async function writePullRequestEvent(options: {
  owner: string;
  repo: string;
  number: number;
  fork?: boolean;
  dir?: string;
}): Promise<WrittenEvent> {
  const event = openedExample();
  const base = moveRepo(event.repository, options.owner, options.repo, false);
  event.number = options.number;
  event.repository = base;
  event.pull_request.number = options.number;
  event.pull_request.base.repo = base;
  event.pull_request.head.repo = options.fork ? moveRepo(event.pull_request.head.repo, 'contributor', options.repo, true) : base;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'shipcheck-event-')));
  const file = join(dir, 'event.json');
  await writeFile(file, JSON.stringify(event));
  return {file, dir, number: options.number, headSha: event.pull_request.head.sha};
}

/** The recorded `workflow_run.completed` payload that lists a pull request, unchanged. */
export function workflowRunExample(): WorkflowRunEvent {
  const example = (examples.find((e) => e.name === 'workflow_run')?.examples as WorkflowRunEvent[] | undefined)?.find(
    (e) => e.action === 'completed' && e.workflow_run.pull_requests.length > 0,
  );
  if (!example) throw new Error('@octokit/webhooks-examples has no workflow_run.completed example with a pull request');
  return structuredClone(example);
}

export interface WrittenRunEvent {
  readonly file: string;
  /** The commit the finished run tested: where the status belongs. */
  readonly headSha: string;
}

/**
 * Writes a `workflow_run` payload for a run that a `pull_request` event started, moved to the
 * simulator's repository. From a fork GitHub lists no pull request (`pull_requests` is empty) and
 * the head repository is the fork's.
 */
export async function writeWorkflowRunEvent(options: {
  owner: string;
  repo: string;
  number: number;
  fork?: boolean;
  dir: string;
}): Promise<WrittenRunEvent> {
  const event = workflowRunExample();
  const base = moveRepo(event.repository, options.owner, options.repo, false);
  const run = event.workflow_run;
  event.repository = base;
  run.event = 'pull_request';
  run.repository = base;
  run.head_repository = options.fork ? moveRepo(run.head_repository, 'contributor', options.repo, true) : base;
  run.pull_requests = options.fork
    ? []
    : run.pull_requests.slice(0, 1).map((pr) => ({...pr, number: options.number, head: {...pr.head, sha: run.head_sha}}));
  const file = join(options.dir, 'workflow-run-event.json');
  await writeFile(file, JSON.stringify(event));
  return {file, headSha: run.head_sha};
}
