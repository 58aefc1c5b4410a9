/** Colour is injected into formatters, never detected inside them. */
export interface Style {
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly magenta: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export const ANSI_STYLE: Style = {
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  magenta: wrap(35, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
};

const same = (s: string): string => s;
export const PLAIN_STYLE: Style = {red: same, green: same, yellow: same, magenta: same, dim: same, bold: same};

/**
 * Whether to colour what goes to a stream, from its being a terminal and the environment, the way
 * Node decides for its own output: FORCE_COLOR (empty, 1, 2, 3 or true) turns colour on even into a
 * pipe and FORCE_COLOR=0 (or false) turns it off, over NO_COLOR (any non-empty value: off).
 */
export function colourWanted(isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.trim().toLowerCase());
  if (env.NO_COLOR) return false;
  return isTTY;
}
