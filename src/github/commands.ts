/**
 * GitHub Actions workflow commands (`::name key=value,…::message`), which the runner reads from a
 * step's output. Escaping follows the runner's rules (actions/toolkit `command.ts`): in the message
 * `%`, CR and LF; in a property also `:` and `,`, which would otherwise end the value. Escaped this
 * way, text a target controls cannot start a command of its own on a new line.
 */
import {terminalSafe} from '../formatters/escape.js';

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One command line. Control characters and ANSI sequences go first: the log is a terminal too. */
export function workflowCommand(name: string, properties: Readonly<Record<string, string | number | undefined>>, message: string): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(terminalSafe(String(value)))}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(terminalSafe(message))}`;
}

/** Asks the runner to hide `secret` in every later line of the log. */
export function maskCommand(secret: string): string {
  return `::add-mask::${escapeData(secret)}`;
}
