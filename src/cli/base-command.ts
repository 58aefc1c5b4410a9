import {Command, Errors} from '@oclif/core';
import {ShipcheckError} from '../core/errors.js';
import {firstLine} from '../core/text.js';

/**
 * Every failure the user can cause ends as one line on stderr and exit code 2 (usage, config) or
 * 3 (could not run); never a stack trace, which only `DEBUG=shipcheck` shows.
 */
export abstract class ShipcheckCommand extends Command {
  // Nothing here waits: oclif's signature asks for a promise, so settled ones are returned.
  protected override catch(error: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<void> {
    if (process.env.DEBUG?.includes('shipcheck')) this.logToStderr(error.stack ?? String(error));
    if (error instanceof ShipcheckError) {
      this.logToStderr(`shipcheck: ${error.message}`);
      process.exitCode = error.exitCode;
      return Promise.resolve();
    }
    if (error instanceof Errors.ExitError) return Promise.reject(error);
    const oclifExit = error.oclif?.exit;
    if (error instanceof Errors.CLIError || oclifExit !== undefined) {
      // Flag and argument parse errors: oclif's first line says what was wrong.
      this.logToStderr(`shipcheck: ${firstLine(error) || 'invalid arguments'} (see --help)`);
      process.exitCode = 2;
      return Promise.resolve();
    }
    this.logToStderr(`shipcheck: internal error: ${firstLine(error)} (run with DEBUG=shipcheck for details)`);
    process.exitCode = 3;
    return Promise.resolve();
  }
}
