/**
 * Text that came from the target is untrusted: before it reaches a terminal it loses every C0/C1
 * control (ESC starts ANSI sequences that can rewrite the screen or the window title) and the bidi
 * overrides that can make a line read differently from what it contains.
 */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;

/** Safe to print on a terminal: ANSI sequences, controls and bidi overrides removed; newlines kept. */
export function terminalSafe(text: string): string {
  return text.replace(ANSI, '').replace(CONTROLS, '').replace(BIDI, '');
}
