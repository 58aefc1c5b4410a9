import {describe, expect, it} from '@jest/globals';
import {makeRedactor, REDACTED, redactUrl, stripUserinfo, targetRedactor} from './redact.js';
import {makeTarget} from './target.js';

describe('stripUserinfo', () => {
  it.each([
    ['drops user and password', 'https://bob:hunter2@app.example.com/x', 'https://app.example.com/x'],
    [
      'keeps the query and fragment: a URL the site sent is evidence',
      'https://bob@app.example.com/login?next=%2Fa#top',
      'https://app.example.com/login?next=%2Fa#top',
    ],
    ['drops userinfo of a URL it cannot parse', 'not a url//bob:pw@x?q=1', 'not a url//x?q=1'],
  ])('%s', (_name, input, expected) => {
    expect(stripUserinfo(input)).toBe(expected);
  });
});

describe('redactUrl', () => {
  it.each([
    ['drops user and password', 'https://bob:hunter2@app.example.com/x', 'https://app.example.com/x'],
    ['drops a user alone', 'https://bob@app.example.com/', 'https://app.example.com/'],
    [
      'masks every query value and keeps the names',
      'https://app.example.com/?access_token=tok-123&sig=abc%3D%3D',
      'https://app.example.com/?access_token=***&sig=***',
    ],
    ['masks the query and drops userinfo together', 'https://bob:pw@app.example.com/p?key=k1', 'https://app.example.com/p?key=***'],
    ['masks a value that holds "=" whole', 'https://app.example.com/?sig=abc==&x=a=b', 'https://app.example.com/?sig=***&x=***'],
    ['masks a part without a name whole: it may be the secret itself', 'https://app.example.com/?s3cr3t&a=1', 'https://app.example.com/?***&a=***'],
    ['keeps an empty value and empty parts', 'https://app.example.com/?debug=&&a=1', 'https://app.example.com/?debug=&&a=***'],
    [
      'masks parameters in the fragment',
      'https://app.example.com/cb#access_token=tok&state=s1',
      'https://app.example.com/cb#access_token=***&state=***',
    ],
    ['keeps a plain anchor', 'https://app.example.com/doc?v=2#section-3', 'https://app.example.com/doc?v=***#section-3'],
    ['leaves a URL without query, fragment or userinfo as it is', 'https://app.example.com/shop/cart', 'https://app.example.com/shop/cart'],
    ['leaves an empty query alone', 'https://app.example.com/?', 'https://app.example.com/?'],
  ])('%s', (_name, input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });

  it.each([
    ['userinfo', 'not a url//bob:pw@x', 'not a url//x'],
    ['userinfo up to the last "@" of the authority', 'http://[bad//bob:p@ss@host/x', 'http://[bad//host/x'],
    ['query values', 'http://[bad/path?token=tok-123&sig=s#frag', 'http://[bad/path?token=***&sig=***#frag'],
  ])('masks %s of a URL it cannot parse', (_name, input, expected) => {
    expect(URL.canParse(input)).toBe(false);
    expect(redactUrl(input)).toBe(expected);
  });
});

describe('targetRedactor', () => {
  it("scrubs the header values, the auth control's value and the URL's query values, as sent and decoded", () => {
    const redact = targetRedactor(
      makeTarget({
        url: 'https://app.example.com/?access_token=tok%2Fsecret-123&sig=c2lnbmF0dXJl&magiclink0123',
        headers: {authorization: 'Bearer hdr-token-1'},
        authControl: ['x-api-key', 'control-key-1'],
      }),
    );
    const echoed = 'hdr-token-1 control-key-1 tok%2Fsecret-123 tok/secret-123 c2lnbmF0dXJl magiclink0123';
    expect(redact(echoed)).toBe(Array(6).fill(REDACTED).join(' '));
  });

  it('turns the whole query string into the masked one the report URL shows, short values included', () => {
    const redact = targetRedactor(makeTarget({url: 'http://127.0.0.1:8080/app/?pin=4711&access_token=CANARY-SECRET-1'}));
    expect(redact('PROPFIND /app/?pin=4711&access_token=CANARY-SECRET-1 answered 500')).toBe('PROPFIND /app/?pin=***&access_token=*** answered 500');
  });

  it('leaves short values alone in free text (words like en or json); the URL masks them', () => {
    const redact = targetRedactor(makeTarget({url: 'https://app.example.com/?lang=en&format=json'}));
    expect(redact('served as application/json in en')).toBe('served as application/json in en');
  });

  it('scrubs an echoed value in both forms, and one that is not valid percent-encoding as sent', () => {
    const redact = targetRedactor(makeTarget({url: 'http://127.0.0.1:8080/?access_token=CANARY%20SECRET%2B1&t=100%25off-%E0%A4%A'}));
    expect(redact('Location: /next?t=CANARY%20SECRET%2B1; body: CANARY SECRET+1; t=100%25off-%E0%A4%A')).toBe(
      `Location: /next?t=${REDACTED}; body: ${REDACTED}; t=${REDACTED}`,
    );
  });

  it('is the plain secret redactor for a target without a query', () => {
    const redact = targetRedactor(makeTarget({url: 'https://app.example.com/', headers: {'x-api-key': 'k3y-value'}}));
    expect(redact('/?a=1 k3y-value')).toBe(`/?a=1 ${REDACTED}`);
  });
});

describe('makeRedactor', () => {
  const redact = makeRedactor(['Bearer tok-4567890', 'sk_live_abc123', 'ab']);

  it('replaces a secret, its bearer token alone, and its base64 form', () => {
    const basic = Buffer.from('sk_live_abc123').toString('base64');
    expect(redact(`auth=Bearer tok-4567890 token=tok-4567890 key=sk_live_abc123 b64=${basic}`)).toBe(
      `auth=${REDACTED} token=${REDACTED} key=${REDACTED} b64=${REDACTED}`,
    );
  });

  it('leaves secrets shorter than 4 characters alone rather than blanking ordinary words', () => {
    expect(redact('about a tab')).toBe('about a tab');
  });
});
