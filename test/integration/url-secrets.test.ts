/**
 * Secrets in the target URL (issue 10, item 7): a site scanned as `/?access_token=…&sig=…` that
 * echoes its own URL in a redirect's Location, a header, a cookie and a crash page. The probes
 * still send the real query; no output — any format, the job summary, the annotations, or what is
 * posted to GitHub — carries either value. The parameter names stay.
 */
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {scanRequest, type ScanFlags} from '../../src/cli/request.js';
import {runScan, type ScanRun} from '../../src/engine/run.js';
import {FORMATS, FORMAT_NAMES} from '../../src/formatters/index.js';
import {ANSI_STYLE, PLAIN_STYLE} from '../../src/formatters/style.js';
import {githubContext} from '../../src/github/context.js';
import {postToGitHub} from '../../src/github/post.js';
import {annotations, appendSummary} from '../../src/github/summary.js';
import {REDACTED} from '../../src/core/redact.js';
import {writePullRequestEvent} from '../github/event.js';
import {GitHubSimulator} from '../github/simulator.js';
import {tracker} from '../helpers/process.js';
import {startHttpServer, type TestServer} from '../helpers/servers.js';

const SECRET = 'CANARY-SECRET-123';
const SIG = 'CANARY-SIG-456';
const CANARIES = [SECRET, SIG, Buffer.from(SECRET).toString('base64'), Buffer.from(SIG).toString('base64')];
const QUERY = `?access_token=${SECRET}&sig=${SIG}`;
const MASKED_QUERY = '?access_token=***&sig=***';

const {track, closeAll} = tracker();
let site: TestServer;
let url: string;
let run: ScanRun;

/** Each canary that `text` contains (none is the point). */
function leaked(text: string): string[] {
  return CANARIES.filter((c) => text.includes(c));
}

beforeAll(async () => {
  site = await track(
    startHttpServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://site.test').pathname;
      if (req.method === 'GET' && path === '/') {
        // A sign-in hand-off: the site forwards the token to another page of its own, over plain HTTP.
        res.writeHead(302, {location: `${site.url}/landing?sig=${SIG}&access_token=${SECRET}`}).end();
      } else if (req.method === 'GET' && path === '/landing') {
        res.writeHead(200, {
          'content-type': 'text/html',
          'x-powered-by': `Express/4.18.2 (${req.url ?? ''})`,
          'set-cookie': `session=${SECRET}; Path=/; SameSite=${SIG}`,
        });
        res.end(`<html><body><pre>Traceback (most recent call last):\n  KeyError: '${req.url ?? ''}'</pre></body></html>`);
      } else if (req.method === 'PROPFIND') {
        // The error probe sends PROPFIND to the target URL, query and all: a finding on that page
        // must name it masked.
        res.writeHead(503, {'content-type': 'text/plain'}).end('unavailable');
      } else {
        res.writeHead(404, {'content-type': 'text/plain'}).end('not found');
      }
    }),
  );
  url = `${site.url}/${QUERY}`;
  const flags: ScanFlags = {json: true, color: false, timeout: 15_000};
  run = await runScan(scanRequest([url], flags, {version: '0.0.0-test', stdoutIsTTY: false}));
});

afterAll(closeAll);

describe('a target URL that carries secrets in its query', () => {
  it('is requested with its real query: only outputs are masked', () => {
    expect(site.requests.some((r) => r.method === 'GET' && r.url === `/${QUERY}`)).toBe(true);
  });

  it('is reported with the parameter names kept and the values masked, its echoes scrubbed from the evidence', () => {
    const target = run.report.targets[0]!;
    expect(target.url).toBe(`${site.url}/${MASKED_QUERY}`);
    const messages = (id: string): string[] => target.results.find((r) => r.id === id)?.findings.map((f) => f.message) ?? [];
    // The target URL as checks quote it, and each echo of the site (in another order, so each value
    // is scrubbed on its own): the redirect's Location, a header, a cookie attribute, a crash page.
    const echo = `/landing?sig=${REDACTED}&access_token=${REDACTED}`;
    expect(messages('hsts')).toContainEqual(expect.stringContaining(`${site.url}/${MASKED_QUERY} is plain HTTP`));
    expect(messages('https-redirect')).toContainEqual(expect.stringContaining(`${site.url}${echo}`));
    expect(messages('version-disclosure')).toContainEqual(expect.stringContaining(`Express/4.18.2 (${echo})`));
    expect(messages('cookie-flags')).toContainEqual(expect.stringContaining(`SameSite=${REDACTED}`));
    expect(messages('error-disclosure')).toContainEqual(expect.stringContaining(`KeyError: '${echo}'`));
    expect(leaked(JSON.stringify(run.report))).toEqual([]);
  });

  it.each(FORMAT_NAMES)('appears nowhere in the %s format', async (name) => {
    const ctx = {style: name === 'console' ? ANSI_STYLE : PLAIN_STYLE, defaultLocation: {file: 'shipcheck.yml', line: 1}};
    const rendered = (await FORMATS[name].load()).render(run.report, ctx);
    expect(rendered).toContain('access_token');
    expect(leaked(rendered)).toEqual([]);
  });

  it('appears nowhere in what the scan printed on stdout', () => {
    expect(leaked(run.stdout)).toEqual([]);
  });
});

describe('the GitHub side of that report', () => {
  let sim: GitHubSimulator;
  let dir: string;

  beforeAll(async () => {
    sim = await GitHubSimulator.start();
    dir = await mkdtemp(join(tmpdir(), 'shipcheck-url-secrets-'));
  });

  afterAll(async () => {
    await sim.close();
    await rm(dir, {recursive: true, force: true});
  });

  const env = (overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv => sim.actionsEnv({GITHUB_SHA: 'f'.repeat(40), ...overrides});

  it('carries no value in the comment, the status, the tracking issue, the job summary or the annotations', async () => {
    const event = await writePullRequestEvent({owner: sim.owner, repo: sim.repo, number: 7, dir});
    sim.addPullRequest(7, event.headSha);
    const summaryFile = join(dir, 'summary.md');
    await writeFile(summaryFile, '');
    const printed: string[] = [];
    const print = (line: string): void => void printed.push(line);
    const onPr = await githubContext(env({GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event.file, GITHUB_STEP_SUMMARY: summaryFile}));
    const posted = await postToGitHub(run.report, {context: onPr, print});
    // No key: the tracking issue's title names the target URLs themselves.
    const scheduled = await githubContext(env({GITHUB_EVENT_NAME: 'schedule', GITHUB_EVENT_PATH: ''}));
    const tracked = await postToGitHub(run.report, {context: scheduled, print, trackingIssue: true, status: false});
    expect([posted.comment?.action, posted.status?.state, tracked.issue?.action]).toEqual(['created', 'failure', 'opened']);
    expect(sim.violations).toEqual([]);

    const sent = JSON.stringify(sim.requests.map((r) => r.body));
    expect(sent).toContain(MASKED_QUERY);
    expect(leaked(sent)).toEqual([]);
    const summary = await readFile(summaryFile, 'utf8');
    expect(summary).toContain(MASKED_QUERY);
    expect(leaked(summary)).toEqual([]);
    await appendSummary(summaryFile, run.report);
    expect(leaked(await readFile(summaryFile, 'utf8'))).toEqual([]);
    expect(leaked([...printed, ...annotations(run.report)].join('\n'))).toEqual([]);
  });
});
