import {describe, expect, it} from '@jest/globals';
import {demoReport, finding, HOSTILE, report, result, target} from '../../test/helpers/reports.js';
import {COMMENT_MAX_LENGTH, commentMarker, formatMarkdown} from './markdown.js';

const lines = (md: string): string[] => md.split('\n');
const count = (text: string, needle: string): number => text.split(needle).length - 1;

describe('formatMarkdown on the demo report', () => {
  const md = formatMarkdown(demoReport());

  it('starts with the hidden marker, keyed by a hash of the target URLs', () => {
    expect(lines(md)[0]).toMatch(/^<!-- shipcheck:[0-9a-f]{16} -->$/);
  });

  it('gives the verdict with the blocking count, the TLS grade, the target and the duration', () => {
    expect(lines(md)[1]).toBe('### ❌ shipcheck failed: 10 blocking');
    expect(md).toContain('**Target** `https://127.0.0.1:38423/` · TLS grade **A**');
    expect(md).toContain('28 checks in 0.60 s');
  });

  it('counts per family in a table, a failure at level warn as a warning', () => {
    expect(md).toContain('| headers | 3 | 1 | 0 | 3 | 0 |');
    expect(md).toContain('| disclosure | 0 | 1 | 0 | 1 | 0 |');
    expect(md).toContain('| **All** | **11** | **10** | **0** | **7** | **0** |');
  });

  it('lists what gates first, blocking and severe first, then warnings, then passes folded', () => {
    const failed = md.indexOf('#### ❌ Failed (10)');
    const warned = md.indexOf('#### ⚠️ Warnings, not gating (7)');
    const passed = md.indexOf('<details>\n<summary>✅ 11 passed · ⏭️ 0 skipped</summary>');
    expect(failed).toBeGreaterThan(0);
    expect(warned).toBeGreaterThan(failed);
    expect(passed).toBeGreaterThan(warned);
    expect(md.indexOf('`csp`')).toBeLessThan(md.indexOf('`version-disclosure`'));
    // version-disclosure fails at level warn: it is a warning, after every blocking failure.
    expect(md.indexOf('`version-disclosure`')).toBeGreaterThan(md.indexOf('`http-methods`'));
    expect(md.indexOf('`version-disclosure`')).toBeGreaterThan(warned);
  });

  it('gives each failure its id, severity, gate, findings with their page, and the fix', () => {
    expect(md).toContain('**❌ HTTPS is not enforced with HSTS** · `hsts` · severity high · **blocking**');
    expect(md).toContain('- `/` max\\-age is 86400 seconds, below the minimum of 15768000\\.');
    expect(md).toContain('**Fix:** Send one header from the HTTPS server');
  });

  it('shows a failure at level warn with the warning icon and says why it does not gate', () => {
    expect(md).toContain('**⚠️ Responses reveal software versions** · `version-disclosure` · severity low · level warn\n');
    expect(md).not.toContain('**❌ Responses reveal software versions**');
  });

  it('stays far under the comment limit and needs no truncation note', () => {
    expect(md.length).toBeLessThan(COMMENT_MAX_LENGTH);
    expect(md).not.toContain('✂️');
  });
});

describe('commentMarker', () => {
  it('keeps a caller key that is safe, and cannot be made to close the comment early', () => {
    expect(commentMarker('pr-12/app.example.com')).toBe('<!-- shipcheck:pr-12/app.example.com -->');
    expect(commentMarker('x --> <img src=x>')).toBe('<!-- shipcheck:x_--___img_src_x_ -->');
  });

  it('is the same for the same targets in any order, and differs for other targets', () => {
    const a = target([result()], {url: 'https://a.example/'});
    const b = target([result()], {url: 'https://b.example/'});
    const first = (md: string): string => lines(md)[0]!;
    expect(first(formatMarkdown(report([a, b])))).toBe(first(formatMarkdown(report([b, a]))));
    expect(first(formatMarkdown(report([a])))).not.toBe(first(formatMarkdown(report([b]))));
    expect(first(formatMarkdown(report([a]), {marker: 'staging'}))).toBe('<!-- shipcheck:staging -->');
  });
});

describe('formatMarkdown verdicts, waivers and baseline', () => {
  it('says passed when nothing gates', () => {
    const md = formatMarkdown(report([target([result({status: 'pass', title: 'HSTS is enforced', findings: []})])]));
    expect(lines(md)[1]).toBe('### ✅ shipcheck passed');
    expect(md).not.toContain('#### ❌');
  });

  it('puts an expired waiver right under the targets, before the counts', () => {
    const waiver = {check: 'hsts', reason: 'migration @ops', expires: '2026-01-01', expired: true};
    const md = formatMarkdown(report([target([result({waiver})])], {expiredWaivers: [waiver]}));
    expect(lines(md)[1]).toBe('### ❌ shipcheck failed: 1 blocking, 1 expired waiver');
    const caution = md.indexOf('> [!CAUTION]');
    expect(caution).toBeGreaterThan(md.indexOf('**Target**'));
    expect(caution).toBeLessThan(md.indexOf('| Family |'));
    expect(md).toContain('> **Waiver for `hsts` expired on 2026\\-01\\-01** (migration @\u2060ops)');
  });

  it('lists live waivers and shows the waived result as a warning', () => {
    const waiver = {check: 'hsts', reason: 'CDN cannot send it yet', expires: '2099-12-31', expired: false};
    const md = formatMarkdown(report([target([result({waiver})])]));
    expect(lines(md)[1]).toBe('### ✅ shipcheck passed');
    expect(md).not.toContain('#### ❌');
    expect(md).toContain('#### ⚠️ Warnings, not gating (1)\n\n**⚠️ HTTPS is not enforced with HSTS**');
    expect(md).toContain('waived until 2099\\-12\\-31: CDN cannot send it yet');
    expect(md).toContain('#### Waived (1)\n\n- `hsts` (fail): CDN cannot send it yet, until 2099\\-12\\-31');
  });

  it('shows new against known failures and the findings resolved since the baseline', () => {
    const resolved = {url: 'https://app.example.com/', id: 'cors', messageId: 'reflected', page: '/api', message: 'echoes any origin'};
    const md = formatMarkdown(
      report([target([result({baseline: 'new'}), result({id: 'csp', family: 'headers', title: 'CSP is weak', baseline: 'known'})])], {
        baseline: {file: 'main.json', startedAt: '2025-12-31T00:00:00.000Z', new: [], resolved: [resolved]},
      }),
    );
    expect(lines(md)[1]).toBe('### ❌ shipcheck failed: 1 blocking');
    expect(md).toContain(
      '#### ❌ Failed (1)\n\n**❌ HTTPS is not enforced with HSTS** · `hsts` · severity high · **blocking** · new since the baseline',
    );
    expect(md).toContain('#### ⚠️ Warnings, not gating (1)\n\n**⚠️ CSP is weak** · `csp` · severity high · known in the baseline');
    expect(md).toContain('Compared with `main.json`');
    expect(md).toContain('**1 resolved**');
    expect(md).toContain('- `cors` `/api`: echoes any origin');
  });
});

describe('formatMarkdown presentation', () => {
  it('puts a failure at level warn under the warnings, never under Failed, and counts it there', () => {
    const md = formatMarkdown(report([target([result({level: 'warn'}), result({id: 'csp', status: 'warn', findings: [finding({kind: 'warn'})]})])]));
    expect(lines(md)[1]).toBe('### ✅ shipcheck passed');
    expect(md).not.toContain('#### ❌');
    expect(md).toContain('#### ⚠️ Warnings, not gating (2)');
    expect(md).toContain('| **All** | **0** | **0** | **0** | **2** | **0** |');
  });

  it('puts an inconclusive check that gates under Failed, and one at level warn under the warnings', () => {
    const md = formatMarkdown(report([target([result({status: 'error'}), result({id: 'csp', status: 'error', level: 'warn'})])]));
    expect(md).toContain('#### ❌ Failed (1)\n\n**❔ HTTPS is not enforced with HSTS** · `hsts` · severity high · **blocking**');
    expect(md).toContain(
      '#### ⚠️ Warnings, not gating (1)\n\n**⚠️ HTTPS is not enforced with HSTS** · `csp` · severity high · inconclusive · level warn',
    );
    expect(md).toContain('| **All** | **0** | **0** | **1** | **1** | **0** |');
  });

  it('says once per target that it was not judged and that browsers reject its certificate, and counts the first in the verdict', () => {
    const judged = target([result({status: 'pass', findings: []})], {url: 'https://b.example/'});
    const unjudged = target([result({status: 'error', level: 'warn'})], {
      notJudged: 'every check at level error needs the page, which answered 503',
      certificateRejected: 'expired on 2025-01-01',
    });
    const md = formatMarkdown(report([unjudged, judged]));
    expect(lines(md)[1]).toBe('### ❌ shipcheck failed: 1 target not judged');
    expect(count(md, '**Not judged:**')).toBe(1);
    expect(count(md, '**Certificate rejected by browsers:**')).toBe(1);
    expect(md).toContain('❌ **Not judged:** every check at level error needs the page, which answered 503');
    expect(md).toContain('⚠️ **Certificate rejected by browsers:** expired on 2025\\-01\\-01');
    // Right under their own target's line, before the next target.
    expect(md.indexOf('**Not judged:**')).toBeGreaterThan(md.indexOf('**Target** `https://app.example.com/`'));
    expect(md.indexOf('**Certificate rejected')).toBeLessThan(md.indexOf('**Target** `https://b.example/`'));
  });
});

describe('formatMarkdown escaping', () => {
  const md = formatMarkdown(
    report([
      target([result({title: `Title ${HOSTILE}`, findings: [finding({message: HOSTILE, page: '/x`y\n# z'})]})], {
        url: 'https://app.example.com/?q=<b>@x',
        notJudged: HOSTILE,
        certificateRejected: HOSTILE,
      }),
    ]),
  );
  const body = lines(md).slice(1).join('\n');
  const outsideCode = body.replace(/(`+)[^`]*?\1/g, '');

  it('lets no target text open HTML, links, images, code fences, headings or table rows', () => {
    expect(outsideCode).not.toMatch(/<(script|img|b>|!--)/i);
    expect(body).not.toMatch(/\]\(/);
    expect(body).not.toContain('```js');
    expect(body).not.toMatch(/^# /m);
    expect(body).not.toMatch(/^\| a \| b \|/m);
  });

  it('breaks mentions, references and autolinks', () => {
    expect(outsideCode).not.toMatch(/@[a-z]/i);
    expect(outsideCode).not.toMatch(/#\d/);
    expect(outsideCode).not.toMatch(/https?:\/\//);
  });

  it('keeps the marker the only HTML comment', () => {
    expect(count(md, '<!--')).toBe(1);
  });
});

describe('formatMarkdown under maxLength', () => {
  it('drops the folded passes first and says so', () => {
    const full = formatMarkdown(demoReport());
    const maxLength = full.length - 200;
    const md = formatMarkdown(demoReport(), {maxLength});
    expect(md.length).toBeLessThanOrEqual(maxLength);
    expect(md).not.toContain('<details>');
    expect(md).toContain('#### ❌ Failed (10)');
    expect(lines(md.trimEnd()).at(-1)).toMatch(
      /^> ✂️ \*\*Shortened to stay under [\d,]+ characters\*\*: the list of 11 passing, skipped or resolved items not shown\./,
    );
  });

  it('then cuts findings from the least urgent checks, keeping the marker, verdict and counts', () => {
    const md = formatMarkdown(demoReport(), {maxLength: 8000});
    expect(md.length).toBeLessThanOrEqual(8000);
    expect(lines(md)[0]).toMatch(/^<!-- shipcheck:/);
    expect(lines(md)[1]).toBe('### ❌ shipcheck failed: 10 blocking');
    expect(md).toContain('| **All** |');
    expect(md).toMatch(/more findings? not shown/);
    expect(lines(md.trimEnd()).at(-1)).toMatch(/findings?, the list of 11 passing/);
    expect(md.indexOf('**❌ Content\\-Security\\-Policy')).toBeGreaterThan(0);
  });

  it('fits a report far over GitHub’s limit, cutting whole blocks only', () => {
    const many = Array.from({length: 400}, (_, i) =>
      result({
        id: `check-${i}`,
        findings: Array.from({length: 20}, (_, j) => finding({messageId: `m${j}`, message: `${'<'.repeat(200)} ${i}/${j}`})),
      }),
    );
    const md = formatMarkdown(report([target(many)]));
    expect(md.length).toBeLessThanOrEqual(COMMENT_MAX_LENGTH);
    expect(md.length).toBeGreaterThan(COMMENT_MAX_LENGTH - 5000);
    expect(count(md, '<details>')).toBe(count(md, '</details>'));
    // Every escape is whole: an ampersand always starts a complete entity.
    expect(md).not.toMatch(/&(?!(?:lt|gt|amp);)/);
    expect(lines(md.trimEnd()).at(-1)).toMatch(/failing or warning checks, \d+ findings not shown/);
  });
});
