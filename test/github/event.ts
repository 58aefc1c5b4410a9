/**
 * Real `pull_request` event payloads (from `@octokit/webhooks-examples`, recorded from GitHub) for
 * GITHUB_EVENT_PATH: a copy of the "opened" example with its repository and PR number moved to the
 * simulator's, and optionally its head moved to a fork.
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

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples') as {name: string; examples: PullRequestEvent[]}[];

/** The recorded `pull_request.opened` payload, unchanged. */
export function openedExample(): PullRequestEvent {
  const example = examples.find((e) => e.name === 'pull_request')?.examples.find((e) => e.action === 'opened');
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
