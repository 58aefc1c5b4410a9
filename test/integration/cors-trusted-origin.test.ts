/**
 * `--trusted-origin` from the flag (and the config) to the CORS verdict, in-process through runScan,
 * against real Node http servers on loopback: one that allows its front end `https://app.example.test`
 * exactly, one that allows any origin ending in that host, one that reflects everything with
 * credentials. Servers record the Origins that reached them, so the tests assert requests on the wire.
 */
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {afterAll, afterEach, beforeAll, describe, expect, it, jest} from '@jest/globals';
import {readInputs} from '../../src/action/inputs.js';
import Scan from '../../src/commands/scan.js';
import type {CheckResult} from '../../src/core/report.js';
import {scanRequest, type ScanFlags} from '../../src/cli/request.js';
import {planOnly, runScan} from '../../src/engine/run.js';
import {MAX_TRUSTED_ORIGINS} from '../../src/core/target.js';
import {tracker} from '../helpers/process.js';
import {startHttpServer, type TestServer} from '../helpers/servers.js';

const TRUSTED = 'https://app.example.test';
/** The look-alikes of TRUSTED the probe sends, one per sloppy comparison. */
const LOOKALIKES = [
  'https://shipcheck-attackerapp.example.test',
  'https://shipcheck-attacker.app.example.test',
  'https://app.example.test.shipcheck-attacker.example',
  'http://app.example.test',
];

/** Answers with CORS headers for the origins `allows` admits, with credentials, as a cookie-session API does. */
function corsServer(allows: (origin: string) => boolean): Promise<TestServer> {
  return startHttpServer((req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    const headers =
      origin !== undefined && allows(origin)
        ? {'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin'}
        : {};
    res.writeHead(200, {'content-type': 'application/json', ...headers}).end('{"email":"alice@example.com"}');
  });
}

let exact: TestServer;
let endsWith: TestServer;
let reflectAll: TestServer;
/** A config with nothing in it, so that a shipcheck.yml in the working folder cannot change the runs. */
let emptyConfig: string;
let folder: string;
const {track, closeAll} = tracker();

beforeAll(async () => {
  [exact, endsWith, reflectAll] = await Promise.all([
    track(corsServer((o) => o === TRUSTED)),
    track(corsServer((o) => o.endsWith('app.example.test'))),
    track(corsServer(() => true)),
  ]);
  folder = mkdtempSync(join(tmpdir(), 'shipcheck-cors-'));
  emptyConfig = join(folder, 'empty.yml');
  writeFileSync(emptyConfig, 'preset: recommended\n');
});

afterAll(closeAll);

afterEach(() => {
  process.exitCode = undefined;
});

function flags(extra: Partial<ScanFlags> = {}): ScanFlags {
  return {config: emptyConfig, only: 'cors', json: true, color: false, ...extra};
}

async function cors(server: TestServer, extra: Partial<ScanFlags> = {}): Promise<CheckResult> {
  const run = await runScan(scanRequest([`${server.url}/`], flags(extra), {version: '0.0.0-test', stdoutIsTTY: false}));
  return run.report.targets[0]!.results.find((r) => r.id === 'cors')!;
}

const originsSent = (server: TestServer): string[] => server.requests.map((r) => String(r.headers.origin));

describe('--trusted-origin against a server that allows its front end exactly', () => {
  it('passes: the look-alikes are refused, and the trusted origin itself is never sent as a hostile one', async () => {
    const result = await cors(exact, {'trusted-origin': [TRUSTED]});
    expect(result).toMatchObject({status: 'pass', findings: []});
    const sent = originsSent(exact);
    expect(sent).toEqual(expect.arrayContaining(LOOKALIKES));
    expect(sent).not.toContain(TRUSTED);
  });
});

describe('--trusted-origin against a server that allows any origin ending in the trusted host', () => {
  it('passes without the flag: no host-derived look-alike imitates the front end', async () => {
    expect((await cors(endsWith)).status).toBe('pass');
  });

  it('fails with the flag: the suffix look-alike, a subdomain and the http:// form are read with credentials', async () => {
    const result = await cors(endsWith, {'trusted-origin': [TRUSTED]});
    expect(result.status).toBe('fail');
    expect(result.findings.map((f) => [f.messageId, f.evidence.origin])).toEqual([
      ['reflected-with-credentials', 'https://shipcheck-attackerapp.example.test'],
      ['reflected-with-credentials', 'https://shipcheck-attacker.app.example.test'],
      ['http-origin-with-credentials', 'http://app.example.test'],
    ]);
  });
});

describe('a server that reflects every origin with credentials', () => {
  it('fails on the foreign origin whether or not a trusted origin is named', async () => {
    for (const extra of [{}, {'trusted-origin': [TRUSTED]}]) {
      const result = await cors(reflectAll, extra);
      expect(result.status).toBe('fail');
      expect(result.findings).toContainEqual(
        expect.objectContaining({
          kind: 'fail',
          messageId: 'reflected-with-credentials',
          evidence: expect.objectContaining({origin: 'https://shipcheck-attacker.example', acac: 'true'}),
        }),
      );
    }
  });
});

describe('the scan command', () => {
  /** Runs `shipcheck scan` in-process (oclif parses the flags as for a user): stdout, stderr, exit code. */
  async function scan(argv: string[]): Promise<{stdout: string; stderr: string; code: number}> {
    const out: string[] = [];
    const err: string[] = [];
    const into =
      (list: string[]) =>
      (chunk: unknown): boolean =>
        list.push(String(chunk)) > 0;
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(into(out));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(into(err));
    try {
      await Scan.run([...argv, '--config', emptyConfig], import.meta.url);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    return {stdout: out.join(''), stderr: err.join(''), code: Number(process.exitCode ?? 0)};
  }

  it('takes --trusted-origin more than once and plans the look-alikes of each', async () => {
    const run = await scan([
      'https://api.example.com/',
      '--dry-run',
      '--only',
      'cors',
      '--trusted-origin',
      TRUSTED,
      '--trusted-origin',
      'https://admin.example.test',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('with Origin: https://shipcheck-attackerapp.example.test\n');
    expect(run.stdout).toContain('with Origin: https://shipcheck-attackeradmin.example.test\n');
  });

  it('refuses a path in --trusted-origin with one line and exit code 2', async () => {
    const run = await scan(['https://api.example.com/', '--dry-run', '--trusted-origin', 'https://app.example.test/']);
    expect(run).toEqual({
      stdout: '',
      stderr:
        'shipcheck: --trusted-origin "https://app.example.test/" must be an origin: scheme://host[:port], e.g. https://app.example.com, with no path\n',
      code: 2,
    });
  });
});

describe('the Action input trusted-origins', () => {
  it('splits on lines and commas, and is absent when not given', () => {
    expect(readInputs({'INPUT_TRUSTED-ORIGINS': `${TRUSTED}, https://admin.example.test\n\nhttps://c.example.test:8443\n`}).trustedOrigins).toEqual([
      TRUSTED,
      'https://admin.example.test',
      'https://c.example.test:8443',
    ]);
    expect(readInputs({})).not.toHaveProperty('trustedOrigins');
  });
});

describe('the bound on requests, in the dry-run plan', () => {
  const plan = async (extra: Partial<ScanFlags>, config = emptyConfig, urls = ['https://api.example.com/']): Promise<string> =>
    planOnly(scanRequest(urls, flags({...extra, config}), {version: '0.0.0-test', stdoutIsTTY: false}));
  const originLines = (text: string): string[] =>
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.includes('with Origin: '));
  const four = ['https://a.example.net', 'https://b.example.net', 'https://c.example.net:8443', 'http://d.example.net'];

  it('lists every look-alike it would send: four per https origin, three for an http one, per page', async () => {
    const without = originLines(await plan({path: ['/me']}));
    expect(without).toHaveLength(2 * 5);
    const lines = originLines(await plan({path: ['/me'], 'trusted-origin': four}));
    expect(lines).toHaveLength(2 * (5 + 4 + 4 + 4 + 3));
    expect(lines).toContain('GET https://api.example.com/me with Origin: https://shipcheck-attackerc.example.net:8443');
    expect(lines.some((l) => l.endsWith(' https://a.example.net'))).toBe(false);
  });

  it(`refuses more than ${MAX_TRUSTED_ORIGINS} trusted origins, and a value that is not an origin, in one line`, async () => {
    await expect(plan({'trusted-origin': [...four, 'https://e.example.net']})).rejects.toThrow(
      `at most ${MAX_TRUSTED_ORIGINS} trusted origins per target, got 5`,
    );
    for (const bad of [
      'https://app.example.test/',
      'https://app.example.test/app',
      'app.example.test',
      'ftp://app.example.test',
      'https://user@app.example.test',
    ]) {
      await expect(plan({'trusted-origin': [bad]})).rejects.toThrow(
        /^--trusted-origin ".*" must be an origin: scheme:\/\/host\[:port\], e\.g\. https:\/\/app\.example\.com, with no path$/,
      );
    }
  });

  it('reads trustedOrigins from the config, top level and per target, normalized and sent once', async () => {
    const config = join(folder, 'trusted.yml');
    writeFileSync(
      config,
      [
        'trustedOrigins: [https://app.example.test]',
        'targets:',
        '  - url: https://api.example.com/',
        '    trustedOrigins: [https://admin.example.test, https://app.example.test:443]',
        '',
      ].join('\n'),
    );
    const lines = originLines(await plan({}, config, []));
    expect(lines).toContain('GET https://api.example.com/ with Origin: https://shipcheck-attackerapp.example.test');
    expect(lines).toContain('GET https://api.example.com/ with Origin: https://shipcheck-attackeradmin.example.test');
    expect(lines).toHaveLength(5 + 4 + 4);
    // With a URL given, the config's targets are not scanned, and its top-level list still holds.
    expect(originLines(await plan({'trusted-origin': ['https://admin.example.test']}, config))).toHaveLength(5 + 4 + 4);
  });

  it('refuses a config value that is not an origin, naming the file, line and key', async () => {
    const config = join(folder, 'bad.yml');
    writeFileSync(config, 'trustedOrigins:\n  - https://app.example.test/login\n');
    await expect(plan({}, config)).rejects.toThrow(/bad\.yml:2:5: trustedOrigins\[0\]: expected an origin/);
  });
});
