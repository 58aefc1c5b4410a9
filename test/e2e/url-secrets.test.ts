/**
 * The built CLI scanning a URL with secrets in its query (issue 10, item 7): the live progress
 * lines on stderr, the summary on stdout, every format written to --output-dir and the --dry-run
 * plan name the parameters and never show their values.
 */
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {FORMAT_NAMES, outputFileName} from '../../src/formatters/index.js';
import {cli} from '../helpers/cli.js';
import {tracker} from '../helpers/process.js';
import {startHttpServer, type TestServer} from '../helpers/servers.js';

const SECRET = 'CANARY-SECRET-123';
const SIG = 'CANARY-SIG-456';
const QUERY = `?access_token=${SECRET}&sig=${SIG}`;
const MASKED_QUERY = '?access_token=***&sig=***';

const {track, closeAll} = tracker();
let site: TestServer;
let url: string;

/** Each canary that `text` contains (none is the point). */
function leaked(text: string): string[] {
  return [SECRET, SIG].filter((c) => text.includes(c));
}

beforeAll(async () => {
  // Echoes the URL it was asked for: in the Location of a redirect, a header, a cookie and the body.
  site = await track(
    startHttpServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://site.test').pathname;
      if (req.method === 'GET' && path === '/') return void res.writeHead(302, {location: `/landing${QUERY}`}).end();
      if (req.method !== 'GET' || path !== '/landing') return void res.writeHead(404, {'content-type': 'text/plain'}).end('not found');
      res.writeHead(200, {
        'content-type': 'text/html',
        'x-powered-by': `Express/4.18.2 (${req.url ?? ''})`,
        'set-cookie': `session=${SECRET}; Path=/; SameSite=${SIG}`,
      });
      res.end(`<pre>Traceback (most recent call last):\n  KeyError: '${req.url ?? ''}'</pre>`);
    }),
  );
  url = `${site.url}/${QUERY}`;
});

afterAll(closeAll);

describe('shipcheck scan of a URL with secrets in its query', () => {
  it('shows the values in no progress line, no summary and no format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipcheck-url-secrets-'));
    const formats = FORMAT_NAMES.flatMap((name) => ['--format', name]);
    const run = await cli(['scan', url, '--output-dir', dir, ...formats]);
    expect(run.code).toBe(1);
    // Off a terminal the progress lines go to stderr: they name the target, masked.
    expect(run.stderr).toContain(`${site.url}/${MASKED_QUERY}`);
    expect(leaked(run.stdout + run.stderr)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(FORMAT_NAMES.map(outputFileName).sort());
    for (const name of FORMAT_NAMES) {
      const written = readFileSync(join(dir, outputFileName(name)), 'utf8');
      expect([name, leaked(written)]).toEqual([name, []]);
    }
    // The site did get the real query: only what is printed is masked.
    expect(site.requests.some((r) => r.url === `/${QUERY}`)).toBe(true);
  });

  it('--dry-run names the parameters in the plan and shows no value', async () => {
    const before = site.requests.length;
    const run = await cli(['scan', url, '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${site.url}/${MASKED_QUERY}`);
    expect(leaked(run.stdout + run.stderr)).toEqual([]);
    expect(site.requests.length).toBe(before);
  });
});
