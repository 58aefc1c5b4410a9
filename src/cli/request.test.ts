import {describe, expect, it} from '@jest/globals';
import {consoleWidth, outputRequest, type Invocation} from './request.js';

const run = (over: Partial<Invocation>): Invocation => ({version: '0.0.0-test', stdoutIsTTY: false, env: {}, ...over});

describe('consoleWidth', () => {
  it.each<[string, Partial<Invocation>, number]>([
    ["a terminal's own width, over COLUMNS", {stdoutIsTTY: true, columns: 132, env: {COLUMNS: '100'}}, 132],
    ['COLUMNS when stdout is no terminal', {env: {COLUMNS: '100'}}, 100],
    ['80 without either', {}, 80],
    ['80 when COLUMNS is not a width', {env: {COLUMNS: 'wide'}}, 80],
    ['80 when COLUMNS is 0', {env: {COLUMNS: '0'}}, 80],
  ])('takes %s', (_name, over, width) => {
    expect(consoleWidth(run(over))).toBe(width);
  });
});

describe('outputRequest console options', () => {
  it.each<[string | undefined, string]>([
    [undefined, 'detected'],
    ['all', 'all'],
  ])('maps --fixes %s to the console fixes %s, at the width found', (fixes, mode) => {
    const request = outputRequest({color: false, ...(fixes === undefined ? {} : {fixes})}, run({env: {COLUMNS: '100'}}));
    expect(request.console).toEqual({width: 100, fixes: mode});
  });
});
