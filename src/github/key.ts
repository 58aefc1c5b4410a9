/**
 * The key a report's comment and tracking issue are found by when the user names none. It must be
 * the same on every push of a pull request, so it comes from where the report is made (the
 * workflow, the job and the config file), never from the target URLs: a preview deployment's URL
 * changes with each commit, and a key from it made a new comment on every push.
 */
import {createHash} from 'node:crypto';
import type {Report} from '../core/report.js';
import type {GitHubContext} from './context.js';

const digest = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

/**
 * The workflow's name, the job's id and the config files the targets came from ("urls" for targets
 * given as URLs): two jobs, or two steps of one job with different configs, keep separate
 * comments. Hashed, because the marker keeps only a few characters of a name and would merge
 * names that differ in the others.
 */
export function defaultKey(context: Pick<GitHubContext, 'workflow' | 'job'>, report: Report): string {
  const configs = [...new Set(report.targets.map((t) => t.source?.file ?? 'urls'))].sort();
  return digest(JSON.stringify([context.workflow ?? '', context.job ?? '', configs.length > 0 ? configs : ['urls']]));
}

/**
 * The default key of shipcheck before it came from the job: the sorted target URLs, hashed. A
 * comment or tracking issue that still carries it is found, and re-keyed when it is rewritten.
 */
export function formerDefaultKey(report: Report): string {
  return digest(
    report.targets
      .map((t) => t.url)
      .sort()
      .join('\n'),
  );
}
