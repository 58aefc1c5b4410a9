/**
 * One sticky comment per pull request and key. Ours is a comment whose first line is exactly our
 * hidden marker *and* whose author is the token's own identity: a person who pastes our comment,
 * or starts their own with the marker line, keeps it untouched. The identity comes from GraphQL
 * `viewer`, which the job's installation token may ask (REST `GET /user` is forbidden to it); when
 * GitHub will not say, a comment counts as ours only when a bot wrote it, and none is deleted.
 */
import type {Octokit} from '@octokit/rest';

export interface PullRequestRef {
  readonly owner: string;
  readonly repo: string;
  readonly pr: number;
}

export interface CommentResult {
  readonly action: 'created' | 'updated' | 'unchanged';
  readonly id: number;
  readonly url: string;
  /** Other comments of ours (same marker) deleted: left by concurrent or older runs. */
  readonly removed: number;
}

/** The author of a comment or issue as REST describes it; null for a deleted account. */
type Author = {readonly login: string; readonly type: string} | null | undefined;

/**
 * Who the token writes as: the login GraphQL `viewer` named, or `undefined` when it could not be
 * asked. Called only when a comment carries our marker, at most once per post.
 */
export type Viewer = () => Promise<string | undefined>;

/**
 * The token's login, from GraphQL (`POST /graphql`; Octokit turns a GHES `…/api/v3` root into
 * `…/api/graphql`). Throws when GitHub refuses or answers without one.
 */
export async function viewerLogin(octokit: Octokit): Promise<string> {
  const data = await octokit.graphql<{viewer?: {login?: unknown} | null}>('query { viewer { login } }');
  const login = data.viewer?.login;
  if (typeof login !== 'string' || login === '') throw new Error('GitHub answered the viewer query without a login');
  return login;
}

/** What a search for our comment or issue may match besides the marker of `body`. */
export interface FindOptions {
  /** Markers an earlier version wrote for the same report: found, and replaced by the current one. */
  readonly formerMarkers?: readonly string[];
}

/** A body's first line exactly (the marker stands there), without a trailing CR: GitHub keeps CRLF in bodies edited in its web UI. */
export function markerLine(body: string | null | undefined): string {
  const text = body ?? '';
  const end = text.indexOf('\n');
  return (end === -1 ? text : text.slice(0, end)).replace(/\r$/, '');
}

/** Equal as rendered: a body saved from GitHub's web editor comes back with CRLF line ends. */
export function sameBody(stored: string | null | undefined, body: string): boolean {
  const norm = (text: string): string => text.replace(/\r\n/g, '\n').trimEnd();
  return norm(stored ?? '') === norm(body);
}

/** A GitHub App's login without its REST suffix: GraphQL names an app `slug`, REST `slug[bot]`. */
const bare = (login: string): string => login.toLowerCase().replace(/\[bot\]$/, '');

/**
 * Written by `viewer` (logins compare without case, as GitHub's do). The `[bot]` suffix may differ
 * between the two APIs, so it is ignored, but only for an author that is a bot: a person named like
 * an app's slug is still a person.
 */
export function writtenBy(author: Author, viewer: string): boolean {
  if (!author) return false;
  if (author.login.toLowerCase() === viewer.toLowerCase()) return true;
  return author.type === 'Bot' && bare(author.login) === bare(viewer);
}

/**
 * The items carrying one of `markers` that are ours, oldest first, and whether the extra ones may
 * be deleted. The viewer is asked only when something carries a marker.
 */
export async function ownedByUs<T extends {readonly id: number; readonly body?: string | null; readonly user: Author}>(
  items: readonly T[],
  markers: ReadonlySet<string>,
  viewer: Viewer,
): Promise<{readonly ours: T[]; readonly identified: boolean}> {
  const marked = items.filter((item) => markers.has(markerLine(item.body)));
  if (marked.length === 0) return {ours: [], identified: true};
  const login = await viewer();
  const ours = marked.filter((item) => (login === undefined ? item.user?.type === 'Bot' : writtenBy(item.user, login)));
  return {ours: ours.sort((a, b) => a.id - b.id), identified: login !== undefined};
}

/**
 * Creates our comment, or updates the oldest of ours in place (no request when its body is already
 * `body`) and deletes the rest. The marker is `body`'s own first line, so the two cannot disagree.
 */
export async function upsertComment(
  octokit: Octokit,
  where: PullRequestRef,
  body: string,
  viewer: Viewer,
  options: FindOptions = {},
): Promise<CommentResult> {
  const markers = new Set([markerLine(body), ...(options.formerMarkers ?? [])]);
  const issue = {owner: where.owner, repo: where.repo, issue_number: where.pr};
  const all = await octokit.paginate(octokit.rest.issues.listComments, {...issue, per_page: 100});
  const {ours, identified} = await ownedByUs(all, markers, viewer);
  const [keep, ...duplicates] = ours;
  let result: Omit<CommentResult, 'removed'>;
  if (!keep) {
    const {data} = await octokit.rest.issues.createComment({...issue, body});
    result = {action: 'created', id: data.id, url: data.html_url};
  } else if (sameBody(keep.body, body)) {
    result = {action: 'unchanged', id: keep.id, url: keep.html_url};
  } else {
    const {data} = await octokit.rest.issues.updateComment({owner: where.owner, repo: where.repo, comment_id: keep.id, body});
    result = {action: 'updated', id: data.id, url: data.html_url};
  }
  // A bot that is not us may carry our marker too: without knowing who we are, nothing is deleted.
  const removable = identified ? duplicates : [];
  // After the update, so the PR never shows zero reports while we tidy up.
  for (const extra of removable) await octokit.rest.issues.deleteComment({owner: where.owner, repo: where.repo, comment_id: extra.id});
  return {...result, removed: removable.length};
}
