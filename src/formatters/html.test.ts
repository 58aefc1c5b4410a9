/**
 * The HTML report rendered by a real browser: Debian's headless Chromium takes a screenshot and
 * dumps the DOM it built, so broken markup or an injected element shows up as it would for a person.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterAll, describe, expect, it} from '@jest/globals';
import {demoReport, finding, HOSTILE, report, result, target} from '../../test/helpers/reports.js';
import {formatHtml} from './html.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, {recursive: true, force: true});
});

/** Runs headless Chromium on an HTML file in a fresh temporary folder; returns stdout and the folder. */
function chromium(html: string, args: readonly string[]): {stdout: string; dir: string} {
  const dir = mkdtempSync(join(tmpdir(), 'shipcheck-html-'));
  dirs.push(dir);
  const file = join(dir, 'report.html');
  writeFileSync(file, html);
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    `--user-data-dir=${join(dir, 'profile')}`,
    ...args.map((a) => a.replace('{dir}', dir)),
    pathToFileURL(file).href,
  ];
  try {
    const stdout = execFileSync('chromium', flags, {encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024});
    return {stdout, dir};
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('chromium is not installed: apt-get install -y chromium');
    throw error;
  }
}

describe('formatHtml on the demo report', () => {
  const html = formatHtml(demoReport());

  it('is one file that loads nothing and runs nothing, under a strict CSP', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|url\(/i);
  });

  it('renders in Chromium to a screenshot with content', () => {
    const {dir} = chromium(html, ['--screenshot={dir}/shot.png', '--window-size=1200,2000']);
    const png = readFileSync(join(dir, 'shot.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // A blank page of this size is about 12 KB; the demo report is well over 200 KB.
    expect(statSync(join(dir, 'shot.png')).size).toBeGreaterThan(100_000);
  });

  it('shows the verdict, the grade, each family and each failing check with its fix in the DOM', () => {
    const {stdout: dom} = chromium(html, ['--dump-dom']);
    expect(dom).toContain('<h1>shipcheck failed: 10 blocking</h1>');
    expect(dom).toContain('<span class="grade">TLS A</span>');
    expect(dom.match(/<section class="family">/g)).toHaveLength(10);
    expect(dom.match(/<article class="check fail">/g)).toHaveLength(11);
    expect(dom).toContain('<strong>Fix:</strong> Send one header from the HTTPS server');
    expect(dom).toContain('<a href="https://developer.mozilla.org/docs/Web/HTTP/Headers/Strict-Transport-Security" rel="noreferrer">MDN</a>');
  });
});

describe('formatHtml escaping', () => {
  const waiver = {check: 'hsts', reason: '<b>because</b>', expires: '2026-01-01', expired: true};
  const hostile = report(
    [
      target([result({title: HOSTILE, waiver, findings: [finding({message: HOSTILE, page: '/"><img src=x onerror=alert(3)>', evidence: {'<k>': '"><svg onload=alert(4)>'}})]})], {
        url: 'https://app.example.com/?q="><script>alert(5)</script>',
      }),
    ],
    {expiredWaivers: [waiver]},
  );
  const html = formatHtml(hostile);

  it('escapes every target string in the file', () => {
    expect(html).not.toMatch(/<script|<img|<svg|<b>/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toContain('\u001b');
    expect(html).not.toContain('\u202e');
  });

  it('leaves the browser no injected element and shows the text as text', () => {
    const {stdout: dom} = chromium(html, ['--dump-dom']);
    expect(dom).not.toMatch(/<(script|img|svg|b)[\s>]/i);
    expect(dom).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(dom).toContain('Waiver for <code>hsts</code> expired on 2026-01-01');
  });
});
