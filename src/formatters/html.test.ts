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
    const stdout = execFileSync('chromium', flags, {
      encoding: 'utf8',
      timeout: 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return {stdout, dir};
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('chromium is not installed: apt-get install -y chromium', {cause: error});
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
    expect(dom.match(/<article class="check fail">/g)).toHaveLength(10);
    expect(dom).toContain('<h3>disclosure<small>2 checks, 1 failed</small></h3>');
    expect(dom).toContain('<strong>Fix:</strong> Send one header from the HTTPS server');
    expect(dom).toContain('<a href="https://developer.mozilla.org/docs/Web/HTTP/Headers/Strict-Transport-Security" rel="noreferrer">MDN</a>');
  });
});

describe('formatHtml presentation', () => {
  it('shows a failure that does not gate (level warn, waived, known) as a warning, and counts it there', () => {
    const waiver = {check: 'csp', reason: 'migration', expires: '2099-01-01', expired: false};
    const html = formatHtml(
      report([
        target([
          result({level: 'warn'}),
          result({id: 'csp', waiver}),
          result({id: 'cors', baseline: 'known'}),
          result({id: 'cookie-flags', status: 'error', level: 'warn'}),
        ]),
      ]),
    );
    expect(html).not.toContain('class="check fail"');
    expect(html).not.toContain('class="check error"');
    expect(html.match(/<article class="check warn">\n<h4><span class="badge warn">WARN<\/span>/g)).toHaveLength(4);
    expect(html).toContain('<span>level warn</span>');
    expect(html).toContain('<span>inconclusive</span><span>level warn</span>');
    expect(html).toContain('<tfoot><tr><td>All</td><td>0</td><td>0</td><td>0</td><td>4</td><td>0</td></tr></tfoot>');
    expect(html).toContain('<h1>shipcheck passed</h1>');
  });

  it('keeps the fail and inconclusive badges for what gates, first', () => {
    const html = formatHtml(report([target([result({id: 'csp', level: 'warn'}), result({status: 'error'}), result({id: 'cors'})])]));
    const order = [...html.matchAll(/<span class="badge (\w+)">/g)].map((m) => m[1]);
    expect(order).toEqual(['fail', 'error', 'warn']);
    expect(html).toContain('<h1>shipcheck failed: 2 blocking</h1>');
  });

  it('says once per target that it was not judged and that browsers reject its certificate', () => {
    const html = formatHtml(
      report([
        target([result({status: 'error', level: 'warn'})], {notJudged: 'the page answered 503', certificateRejected: 'expired on 2025-01-01'}),
      ]),
    );
    expect(html).toContain('<h1>shipcheck failed: 1 target not judged</h1>');
    expect(html.match(/<p class="notice"><strong>Not judged:<\/strong> the page answered 503 /g)).toHaveLength(1);
    expect(html.match(/<p class="notice warn"><strong>Certificate rejected by browsers:<\/strong> expired on 2025-01-01 /g)).toHaveLength(1);
  });
});

describe('formatHtml escaping', () => {
  const waiver = {check: 'hsts', reason: '<b>because</b>', expires: '2026-01-01', expired: true};
  const hostile = report(
    [
      target(
        [
          result({
            title: HOSTILE,
            waiver,
            findings: [finding({message: HOSTILE, page: '/"><img src=x onerror=alert(3)>', evidence: {'<k>': '"><svg onload=alert(4)>'}})],
          }),
        ],
        {
          url: 'https://app.example.com/?q="><script>alert(5)</script>',
          notJudged: '<script>alert(6)</script>',
          certificateRejected: '"><img src=x onerror=alert(7)>',
        },
      ),
    ],
    {expiredWaivers: [waiver]},
  );
  const html = formatHtml(hostile);

  it('escapes every target string in the file', () => {
    expect(html).not.toMatch(/<script|<img|<svg|<b>/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('<strong>Not judged:</strong> &lt;script&gt;alert(6)&lt;/script&gt;');
    expect(html).toContain('<strong>Certificate rejected by browsers:</strong> &quot;&gt;&lt;img src=x onerror=alert(7)&gt;');
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
