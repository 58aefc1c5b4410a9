/** Which fix a person reads for a failure: the line for the stack the scan saw, or every line with `--fixes all`. */
import {stackFix} from '../core/check.js';
import type {CheckResult} from '../core/report.js';
import type {Stack} from '../core/types.js';

export const FIX_MODES = ['detected', 'all'] as const;
/** `detected`: one fix, for the first detected stack the check has a line for, else the generic one; `all`: every line. */
export type FixMode = (typeof FIX_MODES)[number];

/**
 * The fix lines for a result, Markdown. A report saved before fixes had stacks has only its
 * `remediation` paragraph: that is shown whatever the mode.
 */
export function fixLines(r: Pick<CheckResult, 'fixes' | 'remediation'>, stacks: readonly Stack[], mode: FixMode): string[] {
  const {fixes} = r;
  if (!fixes) return [r.remediation];
  const lines = Object.entries(fixes.stacks) as [Stack, string][];
  if (mode === 'all')
    return [fixes.generic, ...lines.map(([stack, line]) => stackFix(stack, line)), ...(fixes.note === undefined ? [] : [fixes.note])];
  const stack = stacks.find((s) => fixes.stacks[s] !== undefined);
  const line = stack === undefined ? undefined : fixes.stacks[stack];
  return [stack === undefined || line === undefined ? fixes.generic : stackFix(stack, line)];
}
