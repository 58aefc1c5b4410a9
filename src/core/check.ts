import {
  STACKS,
  type ArtifactName,
  type Check,
  type CheckOutcome,
  type Finding,
  type FindingData,
  type FindingKind,
  type Fixes,
  type Stack,
  type Status,
} from './types.js';

/** Declares a check; the identity function that gives its parts their types. */
export function defineCheck<A extends ArtifactName, O extends object, M extends string>(check: Check<A, O, M>): Check<A, O, M> {
  return check;
}

function finding<M extends string>(kind: FindingKind, messageId: M, data?: FindingData, page?: string): Finding<M> {
  return {kind, messageId, ...(data ? {data} : {}), ...(page === undefined ? {} : {page})};
}

/** A finding that fails the check. */
export const fail = <M extends string>(messageId: M, data?: FindingData, page?: string): Finding<M> => finding('fail', messageId, data, page);
/** A finding that makes the check a warning at worst. */
export const warn = <M extends string>(messageId: M, data?: FindingData, page?: string): Finding<M> => finding('warn', messageId, data, page);
/** A note that does not change the verdict. */
export const info = <M extends string>(messageId: M, data?: FindingData, page?: string): Finding<M> => finding('info', messageId, data, page);
/** The measurement this finding needed could not be made: inconclusive, never a pass. */
export const inconclusive = <M extends string>(messageId: M, data?: FindingData, page?: string): Finding<M> =>
  finding('error', messageId, data, page);

const RANK: Record<FindingKind, number> = {info: 0, warn: 1, fail: 2, error: 3};
const STATUS: Record<FindingKind, Status> = {info: 'pass', warn: 'warn', fail: 'fail', error: 'error'};

/**
 * The verdict of a set of findings: the worst one wins, and an inconclusive finding outranks a
 * failure so that a partial measurement is never read as complete.
 */
export function outcome<M extends string>(findings: readonly Finding<M>[]): CheckOutcome<M> {
  let worst: FindingKind = 'info';
  for (const f of findings) if (RANK[f.kind] > RANK[worst]) worst = f.kind;
  return {status: STATUS[worst], findings};
}

/** The outcome of a check that found nothing wrong. */
export const pass = <M extends string = never>(...notes: Finding<M>[]): CheckOutcome<M> => outcome(notes);

/** Fills `{{name}}` placeholders from a finding's data. */
export function formatMessage(template: string, data: FindingData = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** One stack's line, named: "nginx: `server_tokens off;`". */
export const stackFix = (stack: Stack, line: string): string => `${STACKS[stack]}: ${line}`;

/**
 * Every fix as one Markdown paragraph, the check's `remediation` in reports: the generic advice, each
 * stack's line (" · " between them, a stop after the last: lines end without one) and the note.
 */
export function remediationText(fixes: Fixes): string {
  const lines = Object.entries(fixes.stacks).map(([stack, line]) => stackFix(stack as Stack, line));
  return [fixes.generic, ...(lines.length > 0 ? [`${lines.join(' · ')}.`] : []), ...(fixes.note === undefined ? [] : [fixes.note])].join(' ');
}
