import {describe, expect, it} from '@jest/globals';
import {colourWanted} from '../formatters/style.js';
import {outputRequest, type Invocation} from './request.js';

const PIPES: Invocation = {version: '0.0.0', stdoutIsTTY: false, stderrIsTTY: false};

describe('outputRequest', () => {
  it('--output takes the --format chosen, and stdout the console summary (JSON with --json)', () => {
    expect(outputRequest({format: ['html'], output: 'r.html', color: true}, PIPES)).toMatchObject({
      formats: ['console'],
      file: {path: 'r.html', format: 'html'},
    });
    expect(outputRequest({format: ['sarif'], output: 'r.sarif', json: true, color: true}, PIPES)).toMatchObject({
      formats: ['json'],
      file: {path: 'r.sarif', format: 'sarif'},
    });
  });

  it('--output is JSON without a --format, and with --output-dir (which writes every format itself)', () => {
    expect(outputRequest({output: 'r.json', color: true}, PIPES)).toMatchObject({formats: ['console'], file: {format: 'json'}});
    expect(outputRequest({format: ['sarif', 'html'], 'output-dir': 'out', output: 'r.json', color: true}, PIPES)).toMatchObject({
      formats: ['sarif', 'html'],
      file: {format: 'json'},
    });
  });

  it('refuses two formats for one --output file', () => {
    expect(() => outputRequest({format: ['sarif', 'html'], output: 'r', color: true}, PIPES)).toThrow(/--output writes one format/);
  });

  it.each<[string, Parameters<typeof outputRequest>[0], Invocation, string]>([
    ['--json', {json: true, color: true}, {...PIPES, stderrIsTTY: true}, 'silent'],
    ['a machine format, stderr a pipe', {format: ['sarif'], color: true}, PIPES, 'silent'],
    ['a machine format, stderr a terminal', {format: ['sarif'], color: true}, {...PIPES, stderrIsTTY: true}, 'auto'],
    ['the console format, stderr a pipe', {color: true}, PIPES, 'auto'],
    ['a machine format into a folder, the console summary on stdout', {format: ['sarif'], 'output-dir': 'out', color: true}, PIPES, 'auto'],
  ])('progress with %s: %s', (_name, flags, invocation, progress) => {
    expect(outputRequest(flags, invocation).progress).toBe(progress);
  });

  it('colours stdout as colourWanted says, unless --no-color', () => {
    expect(outputRequest({color: true}, {...PIPES, env: {FORCE_COLOR: '1'}}).colour).toBe(true);
    expect(outputRequest({color: false}, {...PIPES, env: {FORCE_COLOR: '1'}}).colour).toBe(false);
  });
});

describe('colourWanted', () => {
  it.each<[string, boolean, NodeJS.ProcessEnv, boolean]>([
    ['a terminal', true, {}, true],
    ['a pipe', false, {}, false],
    ['NO_COLOR on a terminal', true, {NO_COLOR: '1'}, false],
    ['an empty NO_COLOR', true, {NO_COLOR: ''}, true],
    ['FORCE_COLOR=1 on a pipe', false, {FORCE_COLOR: '1'}, true],
    ['FORCE_COLOR=2 over NO_COLOR', false, {FORCE_COLOR: '2', NO_COLOR: '1'}, true],
    ['an empty FORCE_COLOR', false, {FORCE_COLOR: ''}, true],
    ['FORCE_COLOR=0 on a terminal', true, {FORCE_COLOR: '0'}, false],
    ['FORCE_COLOR=false on a terminal', true, {FORCE_COLOR: 'false'}, false],
  ])('%s', (_name, isTTY, env, wanted) => {
    expect(colourWanted(isTTY, env)).toBe(wanted);
  });
});
