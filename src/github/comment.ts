/**
 * One sticky comment per pull request and target. Ours is the comment whose first line is exactly
 * our hidden marker: not "a comment by us", because Actions tokens may not ask who they are
 * (GET /user is forbidden), and not "a comment containing the marker", because a person quoting our
 * comment copies it too, and their comment is never touched.
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

/**
 * Creates our comment, or updates the oldest of ours in place (no request when its body is already
 * `body`) and deletes the rest. The marker is `body`'s own first line, so the two cannot disagree.
 */
export async function upsertComment(octokit: Octokit, where: PullRequestRef, body: string): Promise<CommentResult> {
  const marker = markerLine(body);
  const issue = {owner: where.owner, repo: where.repo, issue_number: where.pr};
  const all = await octokit.paginate(octokit.rest.issues.listComments, {...issue, per_page: 100});
  const ours = all.filter((c) => markerLine(c.body) === marker).sort((a, b) => a.id - b.id);
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
  // After the update, so the PR never shows zero reports while we tidy up.
  for (const extra of duplicates) await octokit.rest.issues.deleteComment({owner: where.owner, repo: where.repo, comment_id: extra.id});
  return {...result, removed: duplicates.length};
}
