import {describe, expect, it} from '@jest/globals';
import {ERROR_SIGNATURES, EXCERPT_CHARS, MAX_SCANNED_CHARS, findSignatures, type ErrorSignature, type SignatureKind} from './error-signatures.js';

const MEGABYTE = 1024 * 1024;

function repeatTo(fragment: string, length: number): string {
  return fragment.repeat(Math.ceil(length / fragment.length)).slice(0, length);
}

/**
 * Kinds an example may also match: a trace or debug page carries server paths, and a debug page
 * carries the trace it shows. A version banner or a bare path must match nothing else.
 */
const ALSO_ALLOWED: Readonly<Record<SignatureKind, readonly SignatureKind[]>> = {
  'debug-page': ['stack-trace', 'internal-path'],
  'stack-trace': ['internal-path'],
  'sql-error': ['internal-path'],
  'internal-path': [],
  'version-banner': [],
};

const cases = ERROR_SIGNATURES.map((s) => [s.id, s] as const);

describe('ERROR_SIGNATURES', () => {
  it('has unique kebab-case ids', () => {
    const ids = ERROR_SIGNATURES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('has stateless patterns (no g or y flag), so exec always starts at the beginning', () => {
    for (const s of ERROR_SIGNATURES) expect({id: s.id, flags: s.pattern.flags.replace(/[imsu]/g, '')}).toEqual({id: s.id, flags: ''});
  });

  it.each(cases)('%s matches its own example', (_id, s) => {
    expect(findSignatures(s.example).map((m) => m.signature.id)).toContain(s.id);
  });

  it.each(cases)('%s: its example matches no signature of an unrelated kind', (_id, s: ErrorSignature) => {
    const allowed = [s.kind, ...ALSO_ALLOWED[s.kind]];
    const foreign = findSignatures(s.example).filter((m) => !allowed.includes(m.signature.kind));
    expect(foreign.map((m) => m.signature.id)).toEqual([]);
  });

  it.each(cases)('%s returns on 1 MB of near misses built from its example', (_id, s) => {
    // The example cut inside its match (one character short, or halfway), over and over: each copy
    // starts a partial match that fails late.
    const match = s.pattern.exec(s.example);
    const end = (match?.index ?? 0) + (match?.[0].length ?? 0);
    const stops = [end - 1, end - Math.ceil((match?.[0].length ?? 0) / 2)];
    const positions = stops.flatMap((stop) =>
      ['', '\n'].map((joiner) => s.pattern.exec(repeatTo(`${s.example.slice(0, stop)}${joiner}`, MEGABYTE))?.index ?? -1),
    );
    expect(positions).toHaveLength(4);
  });

  it('returns on 1 MB of fragments that start many partial matches', () => {
    const fragments = [
      'a',
      'at ',
      'at a (',
      'at /a',
      'a.',
      'a.b(',
      '<pre>a',
      'Warning: ',
      'Warning: a in /a ',
      ') in /a',
      'System.',
      '/home/a',
      '/var/www/a.',
      'a.rb',
      '"exception": "a',
      'File "a',
      'C:\\',
      '\\/home',
      '<address>Apache/1',
      ' ',
      '\n',
    ];
    for (const fragment of fragments) {
      const hostile = repeatTo(fragment, MEGABYTE);
      for (const s of ERROR_SIGNATURES) s.pattern.exec(hostile);
      expect(Array.isArray(findSignatures(hostile))).toBe(true);
    }
  });
});

describe('findSignatures', () => {
  it('finds nothing in a plain error page', () => {
    expect(findSignatures('<!doctype html><title>Not found</title><h1>Page not found</h1><a href="/home/">Back home</a>')).toEqual([]);
  });

  it('lists debug pages before the traces they show', () => {
    const page = `<pre>Error: boom<br> &nbsp; &nbsp;at Layer.handleRequest (/srv/app/node_modules/router/lib/layer.js:169:33)</pre>`;
    expect(findSignatures(page).map((m) => m.signature.id)).toEqual(['express-dev-error', 'node-stack', 'unix-path']);
  });

  it('quotes a short, tag-free excerpt starting at the match', () => {
    const [match] = findSignatures('<table><tr>\n      <th>Django Version:</th>\n      <td>3.2.25</td>\n    </tr></table>');
    expect(match?.excerpt).toBe('Django Version: 3.2.25');
  });

  it('drops inline tags from the excerpt and turns block tags into spaces', () => {
    const [match] = findSignatures(
      '<b>Warning</b>:  Undefined array key "missing" in <b>/var/www/html/index.php</b> on line <b>4</b><br />\n<p>done</p>',
    );
    expect(match?.excerpt).toBe('Warning: Undefined array key "missing" in /var/www/html/index.php on line 4 done');
  });

  it('caps the excerpt', () => {
    const [match] = findSignatures(`Traceback (most recent call last):\n${'  File "x", line 1\n'.repeat(50)}`);
    expect(match?.excerpt.length).toBe(EXCERPT_CHARS);
    expect(match?.excerpt.endsWith('…')).toBe(true);
  });

  it(`ignores what comes after the first ${MAX_SCANNED_CHARS} characters`, () => {
    expect(findSignatures(`${' '.repeat(MAX_SCANNED_CHARS)}You have an error in your SQL syntax`)).toEqual([]);
  });
});
