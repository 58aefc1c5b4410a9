import {execFileSync} from 'node:child_process';
import {mkdir, mkdtemp, readFile, realpath, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from '@jest/globals';
import {CHECKS} from '../../checks/index.js';
import {FAKE_CHECKS} from '../../test/helpers/fake-checks.js';
import {findConfigFile} from './config-file.js';
import {loadConfig, MAX_PROBLEMS, parseConfig} from './config.js';
import {ConfigError} from '../core/errors.js';
import {templatesDir} from '../core/paths.js';
import {within} from '../../test/helpers/within.js';

const parse = (text: string, env: NodeJS.ProcessEnv = {}) => parseConfig(text, 'shipcheck.yml', FAKE_CHECKS, env);

/** What the tests assert of a ConfigError: where (`file:line:col`), which key, which code; never prose. */
interface Failure {
  at: string;
  path?: string | undefined;
  code: string;
}

function failureOf(error: unknown, withPath: boolean): Failure {
  if (!(error instanceof ConfigError)) throw error;
  expect(error.message).not.toContain('\n');
  const [at = '', path] = error.message.split(': ');
  return withPath ? {at, path, code: error.code} : {at, code: error.code};
}

function failure(text: string, {env = {}, withPath = true}: {env?: NodeJS.ProcessEnv; withPath?: boolean} = {}): Failure {
  try {
    parse(text, env);
  } catch (error) {
    return failureOf(error, withPath);
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('reads an empty file as a config that changes nothing', () => {
    expect(parse('')).toEqual({preset: 'recommended', targets: [], checks: {}, waivers: []});
    expect(parse('# only a comment\n')).toEqual({preset: 'recommended', targets: [], checks: {}, waivers: []});
  });

  it('reads every key and normalizes targets and check entries', () => {
    const text = [
      'preset: strict',
      'targets:',
      '  - https://staging.example.com',
      '  - url: https://api.staging.example.com',
      '    httpUrl: http://api.staging.example.com:8080/',
      '    paths: [/login, /api/health?deep=1]',
      '    headers: {X-Api-Key: "${STAGING_KEY}", Accept: application/json}',
      '    apiPaths: [/api/orders]',
      '    rateLimitPaths: [/api/login]',
      '    authPaths: [/admin, POST /api/users, {path: /account, refusal: [401, 302], loginUrl: /login}]',
      'checks:',
      '  hsts: error',
      '  csp: [warn, {allowUnsafeEval: true, allowedHosts: [a.example.com]}]',
      'only: [headers, hsts]',
      'skip: [cors]',
      'timeout: 20000',
      'requestTimeout: 10000',
      'caFile: ./certs/ca.pem',
      'burst: 40',
      'authCredentialsEnv: STAGING_ADMIN_AUTH',
      'tlsProfile: modern',
      'waivers:',
      '  - {check: hsts, target: "https://staging.*", path: /legacy/*, reason: CDN migration, expires: "2027-01-31"}',
    ].join('\n');
    expect(parseConfig(text, join('/work', 'site', 'shipcheck.yml'), FAKE_CHECKS, {STAGING_KEY: 'k3y'})).toEqual({
      preset: 'strict',
      targets: [
        {url: 'https://staging.example.com', paths: [], headers: {}, apiPaths: [], rateLimitPaths: [], authEndpoints: []},
        {
          url: 'https://api.staging.example.com',
          httpUrl: 'http://api.staging.example.com:8080/',
          paths: ['/login', '/api/health?deep=1'],
          headers: {'X-Api-Key': 'k3y', Accept: 'application/json'},
          apiPaths: ['/api/orders'],
          rateLimitPaths: ['/api/login'],
          authEndpoints: [
            {path: '/admin', method: 'GET', refusal: [401, 403]},
            {path: '/api/users', method: 'POST', refusal: [401, 403]},
            {path: '/account', method: 'GET', refusal: [401, 302], loginUrl: '/login'},
          ],
        },
      ],
      checks: {
        hsts: {level: 'error'},
        csp: {level: 'warn', options: {allowUnsafeEval: true, allowedHosts: ['a.example.com']}},
      },
      only: ['headers', 'hsts'],
      skip: ['cors'],
      timeout: 20000,
      requestTimeout: 10000,
      caFile: join('/work', 'site', 'certs', 'ca.pem'),
      burst: 40,
      authCredentialsEnv: 'STAGING_ADMIN_AUTH',
      tlsProfile: 'modern',
      waivers: [{check: 'hsts', target: 'https://staging.*', path: '/legacy/*', reason: 'CDN migration', expires: '2027-01-31'}],
    });
  });

  it('records the line naming each target when the file is inside the working folder (SARIF anchors)', () => {
    const text = 'preset: strict\ntargets:\n  - https://a.example.com\n  - url: https://b.example.com\n    paths: [/login]\n';
    expect(parseConfig(text, 'deploy/shipcheck.yml', FAKE_CHECKS).targets.map((t) => t.source)).toEqual([
      {file: 'deploy/shipcheck.yml', line: 3},
      {file: 'deploy/shipcheck.yml', line: 4},
    ]);
    expect(parseConfig(text, join('/elsewhere', 'shipcheck.yml'), FAKE_CHECKS).targets[0]!.source).toBeUndefined();
  });

  it('reads JSON, with a $schema key for editors', () => {
    const text = '{\n\t"$schema": "./schema.json",\n\t"checks": {"csp": ["off", {}]},\n\t"skip": []\n}\n';
    expect(parse(text)).toEqual({preset: 'recommended', targets: [], checks: {csp: {level: 'off', options: {}}}, skip: [], waivers: []});
  });

  it("reads a target's OpenAPI document from the config's folder, and the methods that may be sent", () => {
    const text = 'openapiMethods: [GET, POST]\ntargets:\n  - {url: https://api.example.com/, openapi: specs/openapi.yaml}\n';
    const config = parseConfig(text, join('/work', 'site', 'shipcheck.yml'), FAKE_CHECKS);
    expect(config.targets[0]?.openapi).toBe(join('/work', 'site', 'specs', 'openapi.yaml'));
    expect(config.openapiMethods).toEqual(['GET', 'POST']);
    expect(() => parse('openapiMethods: [FETCH]\n')).toThrow(/shipcheck\.yml:1:\d+: openapiMethods\[0\]: expected "GET"/);
  });

  it('replaces every ${VAR} in a header value and leaves other dollar signs alone', () => {
    const text = 'targets:\n  - url: https://a.example.com\n    headers:\n      Authorization: Bearer ${TOKEN}.${TOKEN} $HOME ${not-a-var}\n';
    expect(parse(text, {TOKEN: 't'}).targets[0]?.headers).toEqual({Authorization: 'Bearer t.t $HOME ${not-a-var}'});
  });

  it.each<[string, string, Failure]>([
    ['an unknown top-level key', 'preset: strict\ntimout: 20000\n', {at: 'shipcheck.yml:2:1', path: 'timout', code: 'E_CONFIG'}],
    ['a burst over the hard maximum', 'burst: 501\n', {at: 'shipcheck.yml:1:8', path: 'burst', code: 'E_CONFIG'}],
    [
      'a waiver for an unknown check',
      'waivers:\n  - {check: hstss, reason: why not, expires: "2027-01-01"}\n',
      {at: 'shipcheck.yml:2:13', path: 'waivers[0].check', code: 'E_CONFIG'},
    ],
    [
      'a waiver with an impossible date',
      'waivers:\n  - {check: hsts, reason: why not, expires: "2027-02-30"}\n',
      {at: 'shipcheck.yml:2:45', path: 'waivers[0].expires', code: 'E_CONFIG'},
    ],
    ['an unknown TLS profile', 'tlsProfile: paranoid\n', {at: 'shipcheck.yml:1:13', path: 'tlsProfile', code: 'E_CONFIG'}],
    [
      'an auth path that is not a path',
      'targets:\n  - url: https://a.example.com\n    authPaths: [admin]\n',
      {at: 'shipcheck.yml:3:17', path: 'targets[0].authPaths[0]', code: 'E_CONFIG'},
    ],
    ['a level that is not one', 'checks:\n  hsts: erorr\n', {at: 'shipcheck.yml:2:9', path: 'checks.hsts', code: 'E_CONFIG'}],
    ['an entry with no level', 'checks:\n  hsts:\n', {at: 'shipcheck.yml:2:8', path: 'checks.hsts', code: 'E_CONFIG'}],
    ['a one-item entry', 'checks:\n  hsts: [warn]\n', {at: 'shipcheck.yml:2:9', path: 'checks.hsts', code: 'E_CONFIG'}],
    [
      'a bad level in the [level, {options}] form',
      'checks:\n  csp: [warnx, {}]\n',
      {at: 'shipcheck.yml:2:9', path: 'checks.csp[0]', code: 'E_CONFIG'},
    ],
    [
      'an option the check does not have',
      'checks:\n  csp: [warn, {allowUnsafeEvl: true}]\n',
      {at: 'shipcheck.yml:2:16', path: 'checks.csp[1].allowUnsafeEvl', code: 'E_CONFIG'},
    ],
    [
      'an option for a check that takes none',
      'checks:\n  cors: [warn, {strict: true}]\n',
      {at: 'shipcheck.yml:2:17', path: 'checks.cors[1].strict', code: 'E_CONFIG'},
    ],
    [
      'an option of another type than its default',
      'checks:\n  hsts:\n    - error\n    - minMaxAge: 1y\n',
      {at: 'shipcheck.yml:4:18', path: 'checks.hsts[1].minMaxAge', code: 'E_CONFIG'},
    ],
    [
      'an array option with an item of another type',
      'checks: {csp: [warn, {allowedHosts: [a.example.com, 1]}]}',
      {at: 'shipcheck.yml:1:53', path: 'checks.csp[1].allowedHosts[1]', code: 'E_CONFIG'},
    ],
    ['a target that is not a URL', 'targets:\n  - staging.example.com\n', {at: 'shipcheck.yml:2:5', path: 'targets[0]', code: 'E_CONFIG'}],
    ['a target URL of another scheme', 'targets:\n  - ftp://example.com\n', {at: 'shipcheck.yml:2:5', path: 'targets[0]', code: 'E_CONFIG'}],
    ['a target URL with no host', 'targets:\n  - https://\n', {at: 'shipcheck.yml:2:5', path: 'targets[0]', code: 'E_CONFIG'}],
    ['credentials in a target URL', 'targets:\n  - https://user:pass@example.com\n', {at: 'shipcheck.yml:2:5', path: 'targets[0]', code: 'E_CONFIG'}],
    [
      'credentials in a target object URL',
      'targets:\n  - url: https://user@example.com\n',
      {at: 'shipcheck.yml:2:10', path: 'targets[0].url', code: 'E_CONFIG'},
    ],
    ['a target object without url', 'targets:\n  - paths: [/login]\n', {at: 'shipcheck.yml:2:5', path: 'targets[0].url', code: 'E_CONFIG'}],
    [
      'an unknown key in a target',
      'targets:\n  - url: https://example.com\n    path: [/login]\n',
      {at: 'shipcheck.yml:3:5', path: 'targets[0].path', code: 'E_CONFIG'},
    ],
    [
      'an https httpUrl',
      'targets:\n  - url: https://example.com\n    httpUrl: https://example.com\n',
      {at: 'shipcheck.yml:3:14', path: 'targets[0].httpUrl', code: 'E_CONFIG'},
    ],
    [
      'a path without its leading slash',
      'targets:\n  - url: https://example.com\n    paths: [/ok, login]\n',
      {at: 'shipcheck.yml:3:18', path: 'targets[0].paths[1]', code: 'E_CONFIG'},
    ],
    [
      'a path that names another host',
      'targets:\n  - url: https://example.com\n    paths: [//evil.example]\n',
      {at: 'shipcheck.yml:3:13', path: 'targets[0].paths[0]', code: 'E_CONFIG'},
    ],
    [
      'a path with a backslash',
      'targets:\n  - url: https://example.com\n    paths: [/\\evil.example]\n',
      {at: 'shipcheck.yml:3:13', path: 'targets[0].paths[0]', code: 'E_CONFIG'},
    ],
    [
      'a header name that is not a token',
      'targets:\n  - url: https://example.com\n    headers:\n      X Key: v\n',
      {at: 'shipcheck.yml:4:7', path: 'targets[0].headers["X Key"]', code: 'E_CONFIG'},
    ],
    [
      'a header value with a line break',
      'targets:\n  - url: https://example.com\n    headers:\n      X-Key: "a\\r\\nInjected: 1"\n',
      {at: 'shipcheck.yml:4:14', path: 'targets[0].headers.X-Key', code: 'E_CONFIG'},
    ],
    [
      'a header value that is not a string',
      'targets:\n  - url: https://example.com\n    headers:\n      X-Key: 12345\n',
      {at: 'shipcheck.yml:4:14', path: 'targets[0].headers.X-Key', code: 'E_CONFIG'},
    ],
    ['targets that are not a list', 'targets: https://example.com\n', {at: 'shipcheck.yml:1:10', path: 'targets', code: 'E_CONFIG'}],
    ['an unknown family in only', 'only: [headers, cookie]\n', {at: 'shipcheck.yml:1:17', path: 'only[1]', code: 'E_CONFIG'}],
    ['an empty only, which would run nothing', 'only: []\n', {at: 'shipcheck.yml:1:7', path: 'only', code: 'E_CONFIG'}],
    ['an unknown family in skip', 'skip:\n  - tsl\n', {at: 'shipcheck.yml:2:5', path: 'skip[0]', code: 'E_CONFIG'}],
    ['an unknown preset', 'preset: strictest\n', {at: 'shipcheck.yml:1:9', path: 'preset', code: 'E_CONFIG'}],
    ['a timeout below one second', 'timeout: 500\n', {at: 'shipcheck.yml:1:10', path: 'timeout', code: 'E_CONFIG'}],
    ['a timeout above ten minutes', 'timeout: 600001\n', {at: 'shipcheck.yml:1:10', path: 'timeout', code: 'E_CONFIG'}],
    ['a fractional request timeout', 'requestTimeout: 1500.5\n', {at: 'shipcheck.yml:1:17', path: 'requestTimeout', code: 'E_CONFIG'}],
    ['an empty caFile', 'caFile: ""\n', {at: 'shipcheck.yml:1:9', path: 'caFile', code: 'E_CONFIG'}],
  ])('rejects %s', (_name, text, expected) => {
    expect(failure(text)).toEqual(expected);
  });

  it('rejects an unknown check id with its own code and the closest id', () => {
    expect(failure('checks:\n  csp: off\n  hstss: warn\n')).toEqual({at: 'shipcheck.yml:3:3', path: 'checks.hstss', code: 'E_UNKNOWN_CHECK'});
    expect(() => parse('checks:\n  hstss: warn\n')).toThrow('"hsts"');
  });

  it("reports every problem, one line each, in document order, with the first one's code", () => {
    expect(() => parse('checks: {nope: off}\ntimeout: 1\npreset: nope\n')).toThrow(
      expect.objectContaining({
        code: 'E_UNKNOWN_CHECK',
        message: expect.stringMatching(
          /^shipcheck\.yml:1:10: checks\.nope: .*\nshipcheck\.yml:2:10: timeout: .*\nshipcheck\.yml:3:9: preset: [^\n]*$/,
        ),
      }),
    );
  });

  it(`names at most ${MAX_PROBLEMS} problems, then how many more`, () => {
    const text = `targets:\n${Array.from({length: 25}, (_, i) => `  - url: ftp://h${i}.example.com\n`).join('')}`;
    const lines = (() => {
      try {
        parse(text);
      } catch (error) {
        return (error as Error).message.split('\n');
      }
      return [];
    })();
    expect(lines).toHaveLength(MAX_PROBLEMS + 1);
    expect(lines[0]).toMatch(/^shipcheck\.yml:2:10: targets\[0\]\.url: /);
    expect(lines.at(-1)).toBe('… and 5 more problems');
  });

  it('names every missing environment variable at once', () => {
    const text = 'targets:\n  - url: https://a.example.com\n    headers: {X-A: "${A_KEY}", X-B: "${B_KEY}"}\n';
    expect(() => parse(text)).toThrow(/A_KEY is not set or empty\n.*B_KEY is not set or empty$/);
  });

  it('reports every YAML syntax error at once', () => {
    expect(() => parse('preset: strict\npreset: recommended\ntimeout: 1\ntimeout: 2\n')).toThrow(/^shipcheck\.yml:2:1: .*\nshipcheck\.yml:4:1: /);
  });

  it.each<[string, string, string]>([
    ['a duplicate key', 'preset: strict\npreset: recommended\n', 'shipcheck.yml:2:1'],
    ['an unclosed flow sequence', 'only: [headers\nskip: []\n', 'shipcheck.yml:2:1'],
    ['a second document', 'preset: strict\n---\npreset: strict\n', 'shipcheck.yml:2:1'],
    [
      'an alias bomb',
      'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n',
      'shipcheck.yml:1:1',
    ],
    ['a top level that is not a mapping', '- https://example.com\n', 'shipcheck.yml:1:1'],
  ])('rejects %s at its position', (_name, text, at) => {
    expect(failure(text, {withPath: false})).toEqual({at, code: 'E_CONFIG'});
  });

  it('names the file it was given', () => {
    try {
      parseConfig('{"preset": 1}', 'conf/shipcheck.json', FAKE_CHECKS, {});
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(failureOf(error, true)).toEqual({at: 'conf/shipcheck.json:1:12', path: 'preset', code: 'E_CONFIG'});
    }
  });

  it('rejects a header that needs a variable the environment does not have', () => {
    const text = 'targets:\n  - url: https://example.com\n    headers:\n      X-Api-Key: "${STAGING_KEY}"\n';
    const expected = {at: 'shipcheck.yml:4:18', path: 'targets[0].headers.X-Api-Key', code: 'E_CONFIG'};
    expect(failure(text)).toEqual(expected);
    expect(() => parse(text)).toThrow('STAGING_KEY');
    // CI hands an unset secret over as an empty string.
    expect(failure(text, {env: {STAGING_KEY: ''}})).toEqual(expected);
    expect(failure(text, {env: {STAGING_KEY: 'a\r\nInjected: 1'}})).toEqual(expected);
  });
});

describe('caps on what a config may list', () => {
  const waivers = (n: number): string =>
    `waivers:\n${Array.from({length: n}, (_, i) => `  - {check: hsts, reason: legacy host ${i}, expires: "2099-01-01"}\n`).join('')}`;

  it('takes 1,000 waivers and refuses 1,001, saying how many there are', () => {
    expect(parse(waivers(1000)).waivers).toHaveLength(1000);
    expect(failure(waivers(1001))).toEqual({at: 'shipcheck.yml:2:3', path: 'waivers', code: 'E_CONFIG'});
    expect(() => parse(waivers(1001))).toThrow(/must have at most 1000 waivers, got 1,001$/);
  });

  it.each(['paths', 'apiPaths', 'rateLimitPaths', 'authPaths'])('refuses more than 100 %s on a target', (key) => {
    const list = Array.from({length: 101}, (_, i) => `/p${i}`).join(', ');
    const text = `targets:\n  - url: https://a.example.com\n    ${key}: [${list}]\n`;
    expect(failure(text)).toMatchObject({path: `targets[0].${key}`, code: 'E_CONFIG'});
    expect(() => parse(text)).toThrow(/must have at most 100 paths per target, got 101$/);
  });
});

describe('loadConfig and findConfigFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'shipcheck-config-')));
  });
  afterEach(async () => {
    await rm(dir, {recursive: true, force: true});
  });

  it('reports a missing file in one line', async () => {
    const file = join(dir, 'shipcheck.yml');
    await expect(loadConfig(file, FAKE_CHECKS)).rejects.toThrow(new ConfigError(`cannot read config file ${file}: no such file`));
  });

  it('resolves caFile from the config file folder and reports one that cannot be read at its line', async () => {
    const file = join(dir, 'shipcheck.yml');
    await writeFile(file, 'preset: strict\ncaFile: ca.pem\n');
    await expect(loadConfig(file, FAKE_CHECKS)).rejects.toMatchObject({
      code: 'E_CONFIG',
      message: expect.stringMatching(new RegExp(`^${file}:2:9: caFile: `)),
    });
    await writeFile(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\n');
    expect((await loadConfig(file, FAKE_CHECKS)).caFile).toBe(join(dir, 'ca.pem'));
  });

  it('refuses a folder, a FIFO and a file over 4 MiB at once, as a config error that names the file', async () => {
    const fifo = join(dir, 'fifo.yml');
    execFileSync('mkfifo', [fifo]);
    const big = join(dir, 'big.yml');
    await writeFile(big, `# ${'x'.repeat(5 * 1024 * 1024 - 3)}\n`);
    for (const [file, why] of [
      [dir, 'is a folder, not a regular file'],
      [fifo, 'is a FIFO, not a regular file'],
      [big, 'is 5 MiB, over the 4 MiB cap'],
    ] as const)
      await expect(within(loadConfig(file, FAKE_CHECKS), 5000)).rejects.toMatchObject({code: 'E_CONFIG', message: `config file ${file} ${why}`});
  });

  it('refuses a caFile that holds no certificate, at its line', async () => {
    const file = join(dir, 'shipcheck.yml');
    await writeFile(file, 'preset: strict\ncaFile: key.pem\n');
    await writeFile(join(dir, 'key.pem'), '-----BEGIN PRIVATE KEY-----\n');
    await expect(loadConfig(file, FAKE_CHECKS)).rejects.toMatchObject({
      code: 'E_CONFIG',
      message: expect.stringMatching(new RegExp(`^${file}:2:9: caFile: CA file ${join(dir, 'key.pem')} holds no PEM certificate`)),
    });
  });

  it('names a file under the working folder relative to it', async () => {
    const file = join(dir, 'shipcheck.yml');
    await writeFile(file, 'preset: strict\ntimeout: 1\n');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      await expect(loadConfig(file, FAKE_CHECKS)).rejects.toThrow(/^shipcheck\.yml:2:10: timeout: /);
    } finally {
      process.chdir(cwd);
    }
  });

  it('finds shipcheck.yml, then .yaml, then .json, and ignores folders', async () => {
    expect(findConfigFile(dir)).toBeUndefined();
    await mkdir(join(dir, 'shipcheck.yml'));
    await writeFile(join(dir, 'shipcheck.json'), '{}');
    expect(findConfigFile(dir)).toBe(join(dir, 'shipcheck.json'));
    await writeFile(join(dir, 'shipcheck.yaml'), '');
    expect(findConfigFile(dir)).toBe(join(dir, 'shipcheck.yaml'));
    await rm(join(dir, 'shipcheck.yml'), {recursive: true});
    await writeFile(join(dir, 'shipcheck.yml'), '');
    expect(findConfigFile(dir)).toBe(join(dir, 'shipcheck.yml'));
  });
});

describe('the starter config', () => {
  const file = join(templatesDir(), 'shipcheck.yml');

  it('is valid for the registered checks', async () => {
    expect(await loadConfig(file, CHECKS, {})).toMatchObject({preset: 'recommended'});
  });

  it('is valid with its commented examples switched on', async () => {
    // Example lines are the top-level keys and their indented content; prose comments are neither.
    const examples = (await readFile(file, 'utf8')).replace(
      /^# (?=(?:targets|checks|only|skip|timeout|requestTimeout|caFile|tlsProfile|burst|authCredentialsEnv|waivers):| {2})/gm,
      '',
    );
    expect(examples).toContain('\nchecks:');
    const config = parseConfig(examples, file, FAKE_CHECKS, {STAGING_KEY: 'k'});
    expect(config.targets).toHaveLength(2);
    expect(Object.keys(config.checks)).toEqual(['hsts', 'csp']);
    expect(config.targets[1]?.authEndpoints.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /admin', 'POST /api/users']);
    expect(config.waivers.map((w) => w.check)).toEqual(['csp']);
  });
});
