import {describe, expect, it} from '@jest/globals';
import {makeRedactor, REDACTED, redactUrl} from './redact.js';

describe('redactUrl', () => {
  it.each([
    ['user and password', 'https://bob:hunter2@app.example.com/x', 'https://app.example.com/x'],
    ['a user alone', 'https://bob@app.example.com/', 'https://app.example.com/'],
    ['no credentials', 'https://app.example.com/?q=1', 'https://app.example.com/?q=1'],
    ['an unparsable URL with userinfo', 'not a url//bob:pw@x', 'not a url//x'],
  ])('drops %s', (_name, input, expected) => {
    expect(redactUrl(input)).toBe(expected);
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
