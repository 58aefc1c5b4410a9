/**
 * oclif's `command_not_found` hook: an unknown command ends as one line that names the closest
 * command, and exit code 2, as every other usage error does (oclif's own message suggests nothing).
 */
import type {Hook} from '@oclif/core';
import {closest, didYouMean} from '../core/errors.js';
import {shownValue} from './base-command.js';

// Nothing here waits: oclif's signature asks for a promise, and `exit` throws the ExitError oclif ends with.
// eslint-disable-next-line @typescript-eslint/require-await
const hook: Hook<'command_not_found'> = async function ({id, config}) {
  // oclif joins the words typed (arguments included, with a space separator) with ':'. The longest
  // start of them that is close to a command is the command meant; without one, the first word is.
  const words = id.split(':');
  const commands = config.commandIDs.map((command) => command.replaceAll(':', ' '));
  const meant = words.map((_, i) => words.slice(0, words.length - i).join(' ')).find((start) => closest(start, commands) !== undefined);
  if (meant !== undefined && commands.includes(meant)) {
    // A command and a stray word after it (`checks hsts`): say what the command takes instead.
    const rest = words.slice(meant.split(' ').length).join(' ');
    const subcommands = commands.filter((command) => command.startsWith(`${meant} `));
    const offer = subcommands.length > 0 ? `; its subcommands: ${subcommands.join(', ')}` : '';
    process.stderr.write(`shipcheck: unexpected argument ${shownValue(rest)} to "${meant}"${offer} (\`shipcheck ${meant} --help\`)\n`);
  } else {
    const typed = meant ?? words[0] ?? id;
    process.stderr.write(`shipcheck: unknown command ${shownValue(typed)}${didYouMean(typed, commands)} (\`shipcheck --help\` lists them)\n`);
  }
  this.exit(2);
};

export default hook;
