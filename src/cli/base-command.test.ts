import {Args, Parser} from '@oclif/core';
import {describe, expect, it} from '@jest/globals';
import {mayBeSecret, parseErrorLine, shownValue} from './base-command.js';
import {githubFlags, scanFlags} from './flags.js';

const flags = {...scanFlags, ...githubFlags};

/** The line a user sees for `shipcheck scan <argv>`, from the error oclif's own parser throws. */
async function lineFor(argv: string[]): Promise<string> {
  try {
    await Parser.parse(argv, {flags, args: {url: Args.string()}, strict: true});
  } catch (error) {
    return parseErrorLine(error as Error, flags);
  }
  throw new Error(`oclif parsed ${argv.join(' ')}`);
}

describe('parseErrorLine', () => {
  it.each([
    [['--timeout', '5'], '--timeout must be a whole number from 1000 to 600000, got 5'],
    [['--burst', '0'], '--burst must be a whole number from 1 to 500, got 0'],
    [['--concurrency', '99'], '--concurrency must be a whole number from 1 to 32, got 99'],
    [['--timeout', 'soon'], '--timeout must be a whole number from 1000 to 600000'],
    [['--preset', 'lax'], '--preset must be one of recommended, strict, got "lax"'],
    [['--repo', 'acme/shop'], 'All of the following must be provided when using --repo: --github'],
    [['https://a.example.com/', 'extra'], 'unexpected argument "extra"'],
    [['https://a.example.com/', 'one', 'two'], 'unexpected argument "one" (and 1 more)'],
    [['https://a.example.com/', 'x'.repeat(100)], `unexpected argument "${'x'.repeat(39)}…"`],
    [['https://a.example.com/', 'Authorization: Bearer abc'], 'unexpected argument (25 characters, not shown: it may hold a secret)'],
    [['--tokn=abc123'], 'unknown flag "--tokn"'],
    [['--jsn'], 'unknown flag "--jsn"; did you mean "--json"?'],
    [['--fail-no', 'warn'], 'unknown flag "--fail-no"; did you mean "--fail-on"?'],
  ])('says what was wrong with %j in one line', async (argv, line) => {
    expect(await lineFor(argv)).toBe(line);
  });

  it('never shows a token typed where an argument or a number goes', async () => {
    const token = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
    for (const argv of [['https://a.example.com/', token], ['--timeout', token], ['--preset', token], [`--tokn=${token}`]])
      expect(await lineFor(argv)).not.toContain(token.slice(4, 14));
  });
});

describe('shownValue', () => {
  it.each([
    ['a typo', 'stagin', '"stagin"'],
    ['terminal controls', 'a\u001b]0;x\u0007b', '"a?]0;x?b"'],
    ['a long word, capped', 'y'.repeat(60), `"${'y'.repeat(39)}…"`],
  ])('shows %s quoted', (_name, value, shown) => {
    expect(shownValue(value)).toBe(shown);
  });

  it.each([
    ['a header line', 'X-Api-Key: abc'],
    ['a name=value pair', 'token=abc'],
    ['a URL with a query', 'https://a.example.com/?sig=1'],
    ['user info', 'https://me:pw@a.example.com/'],
    ['a bearer token', 'Bearer abc'],
    ['an API key', 'sk_live_51H8zQ2eZvKYlo2C0aBcDeFg'],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'],
  ])('hides %s', (_name, value) => {
    expect(mayBeSecret(value)).toBe(true);
    expect(shownValue(value)).toBe(`(${value.length} characters, not shown: it may hold a secret)`);
  });
});
