import {Command, Errors} from '@oclif/core';
import {didYouMean, ShipcheckError} from '../core/errors.js';
import {firstLine, truncate} from '../core/text.js';

/** The longest argument shown back in a message: enough to recognise a typo, too short to carry a whole token. */
const SHOWN_CHARS = 40;

/** The longest line oclif's own wording may take, once values are taken out of it. */
const LINE_CHARS = 200;

/**
 * Whether a stray value may carry a credential: a header pasted without `--header`, a `name=value`
 * pair or a URL with a query or user info, a word that names one, or a long run of letters and
 * digits such as an API key or a JWT.
 */
export function mayBeSecret(text: string): boolean {
  return (
    /[=@]/.test(text) ||
    /^[\w-]+:\s/.test(text) ||
    /bearer|basic |token|secret|passw|api[-_]?key|auth|cookie|session|signature|credential/i.test(text) ||
    /(?=[A-Za-z0-9+/_.~-]*\d)(?=[A-Za-z0-9+/_.~-]*[A-Za-z])[A-Za-z0-9+/_.~-]{20,}/.test(text)
  );
}

/** A value the user typed, as a message may show it: quoted and capped, or only its length when it may be a secret. */
export function shownValue(text: string): string {
  if (mayBeSecret(text)) return `(${text.length} characters, not shown: it may hold a secret)`;
  // eslint-disable-next-line no-control-regex -- C0 and C1 controls are what this replaces: echoed, they would drive the terminal.
  return JSON.stringify(truncate(text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?'), SHOWN_CHARS));
}

/** "a whole number from 1000 to 600000", "a whole number of at least 1": from an integer flag's definition, which keeps its bounds. */
function wholeNumber(flag: object): string {
  const min = 'min' in flag ? flag.min : undefined;
  const max = 'max' in flag ? flag.max : undefined;
  if (typeof min === 'number' && typeof max === 'number') return `a whole number from ${min} to ${max}`;
  if (typeof min === 'number') return `a whole number of at least ${min}`;
  if (typeof max === 'number') return `a whole number of at most ${max}`;
  return 'a whole number';
}

/** `--json`, `-o`, …: how the command's flags (and their aliases) are typed. */
function flagNames(flags: Readonly<Record<string, object>> | undefined): string[] {
  return Object.entries(flags ?? {}).flatMap(([name, flag]) => [
    `--${name}`,
    ...('char' in flag && typeof flag.char === 'string' ? [`-${flag.char}`] : []),
    ...('aliases' in flag && Array.isArray(flag.aliases) ? flag.aliases.map((alias) => `--${String(alias)}`) : []),
  ]);
}

/** "unknown flag "--formt"; did you mean "--format"?": the flags typed (with or without `=value`) that the command does not have. */
export function unknownFlagsLine(given: readonly string[], flags: Readonly<Record<string, object>> | undefined): string {
  const typed = given.map((flag) => flag.split('=')[0] ?? '');
  const [only] = typed;
  // A suggestion for one mistyped flag, unless what was typed may be a secret (it is not shown then).
  const hint = typed.length === 1 && only !== undefined && !mayBeSecret(only) ? didYouMean(only, flagNames(flags)) : '';
  return `unknown flag${typed.length === 1 ? '' : 's'} ${typed.map(shownValue).join(', ')}${hint}`;
}

/**
 * oclif's parse errors as one line of ours. oclif's own first line does not always say what was
 * wrong ("Parsing --timeout", "The following error occurred:") and some echo what was typed, which
 * may be a token pasted in the wrong place: values are shown capped, or not at all when they may be
 * secret. `flags` are the command's flag definitions, for the range of a number (undefined for a
 * command that declares none, whatever oclif's types say).
 */
export function parseErrorLine(error: Error & {args?: unknown; flags?: unknown}, flags: Readonly<Record<string, object>> | undefined): string {
  const message = error.message;
  if (message.startsWith('Unexpected argument') && Array.isArray(error.args) && typeof error.args[0] === 'string') {
    const more = error.args.length > 1 ? ` (and ${error.args.length - 1} more)` : '';
    return `unexpected argument ${shownValue(error.args[0])}${more}`;
  }
  if (message.startsWith('Nonexistent flag') && Array.isArray(error.flags)) {
    return unknownFlagsLine(error.flags.map(String), flags);
  }
  const parsing = /^Parsing --([\w-]+)/.exec(message);
  if (parsing) {
    const [, name = ''] = parsing;
    if (!message.includes('Expected an integer')) return `--${name} has a value it does not take`;
    // A number is safe to show back; anything else typed there is not shown.
    const received = /received: (-?\d{1,15})\s*$/m.exec(message)?.[1];
    return `--${name} must be ${wholeNumber(flags?.[name] ?? {})}${received === undefined ? '' : `, got ${received}`}`;
  }
  const option = /^Expected --([\w-]+)=([^\n]*) to be one of: ([^\n]*)$/m.exec(message);
  if (option) {
    const [, name = '', value = '', allowed = ''] = option;
    return `--${name} must be one of ${allowed}, got ${shownValue(value)}`;
  }
  // "The following error occurred:" says nothing by itself: the reason is on the next line.
  const lines = message.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('See more help'));
  const line = /^The following errors? occurred:$/.test(lines[0]?.trim() ?? '') ? firstLine(lines.slice(1).join('\n')) : firstLine(message);
  const safe = line.replace(/(--[\w-]+)=(\S+)/g, (_, flag: string, value: string) => `${flag}=${shownValue(value)}`);
  return truncate(safe || 'invalid arguments', LINE_CHARS);
}

/**
 * Every failure the user can cause ends as one line on stderr and exit code 2 (usage, config) or
 * 3 (could not run); never a stack trace, which only `DEBUG=shipcheck` shows.
 */
export abstract class ShipcheckCommand extends Command {
  // Nothing here waits: oclif's signature asks for a promise, so settled ones are returned.
  protected override catch(error: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<void> {
    if (process.env.DEBUG?.includes('shipcheck')) this.logToStderr(error.stack ?? String(error));
    if (error instanceof ShipcheckError) {
      // One line a problem: a config file's are all named at once.
      for (const line of error.message.split('\n')) this.logToStderr(`shipcheck: ${line}`);
      process.exitCode = error.exitCode;
      return Promise.resolve();
    }
    if (error instanceof Errors.ExitError) return Promise.reject(error);
    const oclifExit = error.oclif?.exit;
    if (error instanceof Errors.CLIError || oclifExit !== undefined) {
      // Flag and argument parse errors.
      this.logToStderr(`shipcheck: ${parseErrorLine(error, this.ctor.flags)} (see --help)`);
      process.exitCode = 2;
      return Promise.resolve();
    }
    this.logToStderr(`shipcheck: internal error: ${firstLine(error)} (run with DEBUG=shipcheck for details)`);
    process.exitCode = 3;
    return Promise.resolve();
  }
}
