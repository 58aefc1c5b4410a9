import {describe, expect, it} from '@jest/globals';
import {getInput, readInputs} from '../../src/action/inputs.js';

describe('Action inputs', () => {
  it('are read as the runner names them: upper case, spaces to underscores, hyphens kept', () => {
    expect(getInput({'INPUT_FAIL-ON': ' warn '}, 'fail-on')).toBe('warn');
    expect(getInput({INPUT_MY_INPUT: 'x'}, 'my input')).toBe('x');
    expect(getInput({INPUT_FAIL_ON: 'warn'}, 'fail-on')).toBe('');
  });

  it('default as action.yml says when the runner passes nothing', () => {
    expect(readInputs({})).toEqual({
      mode: 'scan',
      failOn: 'error',
      comment: true,
      status: true,
      summary: true,
      sarifFile: 'shipcheck.sarif',
      reportFile: 'shipcheck-report.json',
      trackingIssue: false,
      token: '',
      paths: [],
      headers: [],
      reports: [],
    });
  });

  it('split paths on lines and commas, headers on lines only (their values may hold commas)', () => {
    const inputs = readInputs({
      INPUT_PATHS: '/login, /account\n/admin\n',
      INPUT_HEADERS: 'Authorization: Bearer a,b\n\nX-Api-Key: k',
      'INPUT_TLS-PROFILE': 'modern',
      'INPUT_TRACKING-ISSUE': 'True',
      INPUT_COMMENT: 'FALSE',
    });
    expect(inputs).toMatchObject({
      paths: ['/login', '/account', '/admin'],
      headers: ['Authorization: Bearer a,b', 'X-Api-Key: k'],
      tlsProfile: 'modern',
      trackingIssue: true,
      comment: false,
    });
  });

  it('take 100 distinct paths and refuse 101, naming the input and the limit', () => {
    const paths = (n: number): string => Array.from({length: n}, (_, i) => `/p${i}`).join('\n');
    expect(readInputs({INPUT_PATHS: `${paths(100)}\n/p0`}).paths).toHaveLength(101);
    expect(() => readInputs({INPUT_PATHS: paths(101)})).toThrow('input paths lists 101 paths; at most 100 per target');
  });

  it('refuse values the input does not take, naming the input', () => {
    expect(() => readInputs({INPUT_COMMENT: 'yes'})).toThrow('input comment is "yes"; use true or false');
    expect(() => readInputs({'INPUT_TLS-PROFILE': 'paranoid'})).toThrow('input tls-profile is "paranoid"; use one of modern, intermediate, old');
  });

  it('read an OpenAPI document and its methods, and refuse a method no document declares', () => {
    expect(readInputs({INPUT_OPENAPI: 'api/openapi.yaml', 'INPUT_OPENAPI-METHODS': 'get, head,POST'})).toMatchObject({
      openapi: 'api/openapi.yaml',
      openapiMethods: ['GET', 'HEAD', 'POST'],
    });
    expect(() => readInputs({'INPUT_OPENAPI-METHODS': 'GET,FETCH'})).toThrow(/input openapi-methods takes a comma-separated list of .*, got "FETCH"/);
  });

  it('read a shard as i/n and refuse one out of range, naming the input', () => {
    expect(readInputs({INPUT_SHARD: '2/3'}).shard).toEqual({index: 2, count: 3});
    expect(() => readInputs({INPUT_SHARD: '4/3'})).toThrow('input shard ("4/3") must be i/n with 1 ≤ i ≤ n ≤ 999, e.g. 2/3');
  });

  it('read merge mode with its reports, one per line', () => {
    expect(readInputs({INPUT_MODE: 'merge', INPUT_REPORTS: 'shards/*.json\n\nextra/shard 4.json\n'})).toMatchObject({
      mode: 'merge',
      reports: ['shards/*.json', 'extra/shard 4.json'],
    });
  });

  it('refuse the inputs of one mode given to the other, which would be ignored without a word', () => {
    expect(() => readInputs({INPUT_MODE: 'merge'})).toThrow('input reports is empty: merge mode needs the JSON reports of the shards');
    expect(() => readInputs({INPUT_MODE: 'merge', INPUT_REPORTS: 'shards', INPUT_SHARD: '1/2'})).toThrow(
      'input shard is for mode scan; mode merge reads the input reports',
    );
    expect(() => readInputs({INPUT_MODE: 'merge', INPUT_REPORTS: 'shards', INPUT_URL: 'https://a.example/'})).toThrow('input url is for mode scan');
    expect(() => readInputs({INPUT_REPORTS: 'shards'})).toThrow('input reports is read in mode merge only; add mode: merge to merge shard reports');
    expect(() => readInputs({INPUT_MODE: 'gather'})).toThrow('input mode is "gather"; use one of scan, merge');
  });
});
