import {describe, expect, it} from '@jest/globals';
import {ANSI_STYLE, PLAIN_STYLE} from '../formatters/style.js';
import {renderMarkdown} from './terminal-markdown.js';

const TEXT =
  '# How to fix\nSend `nosniff` on **every** response. [MDN](https://developer.mozilla.org/x)\n- nginx: `add_header X always;`\n- <https://example.com>';

describe('renderMarkdown', () => {
  it('without colour: headings and bold as text, code kept in backticks, links as text (url), items as bullets', () => {
    expect(renderMarkdown(TEXT, PLAIN_STYLE, false).split('\n')).toEqual([
      'How to fix',
      'Send `nosniff` on every response. MDN (https://developer.mozilla.org/x)',
      '  • nginx: `add_header X always;`',
      '  • <https://example.com>',
    ]);
  });

  it('with colour: headings and bold in bold, code in yellow without backticks, the link dimmed', () => {
    const [heading, line] = renderMarkdown(TEXT, ANSI_STYLE, true).split('\n');
    expect(heading).toBe('\u001b[1mHow to fix\u001b[22m');
    expect(line).toBe(
      'Send \u001b[33mnosniff\u001b[39m on \u001b[1mevery\u001b[22m response. MDN (\u001b[2mhttps://developer.mozilla.org/x\u001b[22m)',
    );
  });

  it('shows a link whose text is its address once', () => {
    expect(renderMarkdown('[https://a.example](https://a.example)', PLAIN_STYLE, false)).toBe('https://a.example');
  });
});
