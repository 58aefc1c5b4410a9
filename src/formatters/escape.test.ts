import {describe, expect, it} from '@jest/globals';
import {HOSTILE} from '../../test/helpers/reports.js';
import {truncate} from '../core/text.js';
import {htmlEscape, markdownCode, markdownSafe, xmlEscape} from './escape.js';

/** What GitHub would turn into a link, a mention, a reference or markup if it reached a comment raw. */
const GITHUB_ACTIVE: readonly [string, RegExp][] = [
  ['mention', /@[a-z0-9]/i],
  ['issue reference', /#\d/],
  ['GH- reference', /\bGH-\d/i],
  ['URL autolink', /:\/\//],
  ['www autolink', /\bwww\./i],
  ['commit SHA', /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\b/i],
  ['raw HTML', /[<>]/],
  ['newline', /\n/],
];

/** Markdown punctuation not backslash-escaped (entities aside): could open a link, code, table cell … */
function unescaped(md: string): string[] {
  const text = md.replace(/&(?:amp|lt|gt);/g, '');
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if ('`*_[]()#+-.!|~='.includes(text[i]!)) found.push(text[i]!);
  }
  return found;
}

describe('truncate', () => {
  it('keeps short text and cuts long text to exactly the limit, ellipsis included', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('a'.repeat(50), 10)).toBe(`${'a'.repeat(9)}…`);
  });

  it('never leaves half of a surrogate pair', () => {
    const out = truncate(`${'a'.repeat(8)}😀😀`, 10);
    expect(out).toBe(`${'a'.repeat(8)}…`);
  });
});

describe('markdownSafe', () => {
  const out = markdownSafe(HOSTILE, 2000);

  it.each(GITHUB_ACTIVE)('leaves no %s', (_name, pattern) => {
    expect(out).not.toMatch(pattern);
  });

  it('backslash-escapes every Markdown punctuation, so no link, image, code, heading or table cell can start', () => {
    expect(unescaped(out)).toEqual([]);
  });

  it('removes ANSI sequences, C0/C1 controls and bidi overrides', () => {
    // eslint-disable-next-line no-control-regex -- the test asserts that control characters are gone
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(out).toContain('red');
    expect(out).not.toContain('title');
  });

  it('removes a lone surrogate, which is not valid Unicode in a JSON request body', () => {
    expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(markdownSafe('a😀b')).toBe('a😀b');
  });

  it('keeps the text readable: only invisible joiners and escapes are added', () => {
    const plain = out
      .replace(/\u2060/g, '')
      .replace(/\\(.)/g, '$1')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    expect(plain).toContain('Server: <script>alert(1)</script>');
    expect(plain).toContain('#123 GH-45 owner/repo#7 deadbeef1234567 www.evil.example https://evil.example/p');
  });

  it('caps the original text before escaping, so an escape is never cut', () => {
    const capped = markdownSafe('<'.repeat(1000), 10);
    expect(capped).toBe(`${'&lt;'.repeat(9)}…`);
  });
});

describe('markdownCode', () => {
  it('fences with more backticks than any run inside, padding a backtick at the edge', () => {
    expect(markdownCode('/a')).toBe('`/a`');
    expect(markdownCode('a``b')).toBe('```a``b```');
    expect(markdownCode('`x')).toBe('`` `x ``');
  });

  it('is one line without controls', () => {
    expect(markdownCode('/a\n# b\u001b[2J')).toBe('`/a # b`');
  });
});

describe('htmlEscape', () => {
  it('escapes markup and both quotes, and removes controls and bidi overrides', () => {
    const out = htmlEscape(HOSTILE);
    expect(out).not.toMatch(/[<>"']/);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(out).toContain('&amp;amp;');
    // eslint-disable-next-line no-control-regex -- the test asserts that control characters are gone
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e\u2066]/);
    expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('xmlEscape', () => {
  it('removes what XML 1.0 forbids even as a reference, and escapes markup', () => {
    const out = xmlEscape(HOSTILE);
    // eslint-disable-next-line no-control-regex -- the test asserts that control characters are gone
    expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(out).not.toMatch(/[<>"']/);
    expect(out).toContain('&lt;!-- shipcheck:spoof --&gt;');
  });

  it('keeps newlines and tabs as character references, which attribute values would otherwise lose', () => {
    expect(xmlEscape('a\nb\tc')).toBe('a&#10;b&#9;c');
  });
});
