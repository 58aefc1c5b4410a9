/**
 * Text that came from the target is untrusted: before it reaches a terminal it loses every C0/C1
 * control (ESC starts ANSI sequences that can rewrite the screen or the window title) and the bidi
 * overrides that can make a line read differently from what it contains. Each other medium (Markdown
 * on GitHub, HTML, XML) then escapes what is special to it, and caps the length.
 */
import {truncate} from '../core/text.js';

// eslint-disable-next-line no-control-regex -- removing control characters is what this pattern is for
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- ANSI sequences start with ESC (and OSC ends with BEL): matching them is the point
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;

/** Safe to print on a terminal: ANSI sequences, controls and bidi overrides removed; newlines kept. */
export function terminalSafe(text: string): string {
  return text.replace(ANSI, '').replace(CONTROLS, '').replace(BIDI, '');
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * What every medium besides the terminal starts from: terminalSafe, and no lone surrogate (half an
 * emoji cut by a byte cap), which is not valid Unicode in a JSON body, an HTML page or XML.
 */
export function cleanText(text: string): string {
  return terminalSafe(text).replace(LONE_SURROGATE, '');
}

/** Finding messages are one line; a newline in target text could start a Markdown block or a table row. */
const oneLine = (text: string): string => cleanText(text).replace(/\s+/g, ' ').trim();

/** Longest Markdown snippet of target text: one finding message, a page, a URL. */
const MARKDOWN_MAX = 500;

/**
 * U+2060 WORD JOINER: invisible, and GitHub's mention, issue-reference and autolink patterns need
 * their characters adjacent, so one joiner inside each pattern leaves plain text.
 */
const WJ = '\u2060';

/**
 * GitHub turns text into links and notifications after rendering Markdown, so backslash escapes do
 * not stop these: `@user` (pings), `#12`, `GH-12` and `owner/repo#12` (cross-references in another
 * timeline), commit SHAs, `https://…` and `www.…` (clickable phishing links in a bot's comment).
 */
function neutraliseGitHub(text: string): string {
  return (
    text
      .replace(/@/g, `@${WJ}`)
      .replace(/#(?=\d)/g, `#${WJ}`)
      .replace(/\b(gh)-(?=\d)/gi, `$1${WJ}-`)
      .replace(/:\/\//g, `:${WJ}//`)
      .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${WJ}.`)
      // A joiner is a word boundary too: every piece must stay under GitHub's 7-character minimum.
      .replace(/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\b/gi, (sha) => sha.replace(/(.{6})(?=.)/g, `$1${WJ}`))
  );
}

/**
 * Target text as plain Markdown text for a GitHub comment: one line, at most `max` characters of the
 * original, every Markdown punctuation backslash-escaped (no link, image, emphasis, table cell, code,
 * heading or list can start), `& < >` as entities (no HTML, no comment that could fake our marker),
 * and mentions, references and autolinks broken (see neutraliseGitHub).
 */
export function markdownSafe(text: string, max = MARKDOWN_MAX): string {
  // Joiners first: the patterns are simpler on the raw text, and escaping leaves them in place.
  return neutraliseGitHub(truncate(oneLine(text), max))
    .replace(/[\\`*_{}[\]()#+\-.!|~=]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Target text as a Markdown code span: shown verbatim and never linked, mentioned or referenced by
 * GitHub. The fence is one backtick longer than any run inside; not for table cells, where a `|`
 * would still end the cell.
 */
export function markdownCode(text: string, max = MARKDOWN_MAX): string {
  const body = truncate(oneLine(text), max);
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};

/** Text for HTML element content or a quoted attribute: controls and bidi overrides removed, `& < > " '` escaped. */
export function htmlEscape(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * XML 1.0 allows only tab, newline, carriage return and U+0020–U+D7FF, U+E000–U+FFFD and the
 * supplementary planes, even as character references: everything else (C0 controls, lone
 * surrogates, U+FFFE/U+FFFF) is removed, not escaped.
 */
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/**
 * Text for XML element content or a quoted attribute: what XML 1.0 forbids removed, ANSI, C1 controls
 * and bidi overrides removed, markup characters escaped, and tabs and newlines as character
 * references so that attribute values keep them.
 */
export function xmlEscape(text: string): string {
  return terminalSafe(text)
    .replace(NOT_XML, '')
    .replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c)
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}
