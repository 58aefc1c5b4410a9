import {describe, expect, it} from '@jest/globals';
import {makeTarget, parseAuthPath, parseHeader, parseHeaderFlag} from './target.js';

describe('makeTarget', () => {
  it('derives the plain-HTTP URL on the same host and port 80, and keeps the defaults', () => {
    const t = makeTarget({url: 'https://app.example.com:8443/shop#top'});
    expect([t.url.href, t.httpUrl.href, t.burst, t.paths, t.rateLimitPaths]).toEqual([
      'https://app.example.com:8443/shop',
      'http://app.example.com/shop',
      30,
      [],
      [],
    ]);
  });

  it('starts the redirect test of an http:// target at that URL, its port and path kept', () => {
    const t = makeTarget({url: 'http://app.example.com:8080/shop'});
    expect(t.httpUrl.href).toBe('http://app.example.com:8080/shop');
  });

  it('never carries the query over to the plain-HTTP start URL', () => {
    expect(makeTarget({url: 'https://app.example.com/?access_token=s3cret'}).httpUrl.href).toBe('http://app.example.com/');
    expect(makeTarget({url: 'http://app.example.com:8080/?sig=s3cret'}).httpUrl.href).toBe('http://app.example.com:8080/');
  });

  it.each([
    ['example.com', 'https://example.com/'],
    ['localhost:8443', 'https://localhost:8443/'],
    ['127.0.0.1:8443/shop?x=1', 'https://127.0.0.1:8443/shop?x=1'],
    ['[::1]:8443', 'https://[::1]:8443/'],
    ['localhost', 'https://localhost/'],
    ['staging:8443', 'https://staging:8443/'],
  ])('reads the bare host %s as https:// of it', (url, href) => {
    expect(makeTarget({url}).url.href).toBe(href);
  });

  it.each([
    ['not a URL', {url: 'staging'}],
    ['a host with a path but no dot or port', {url: 'staging/shop'}],
    ['a scheme without slashes', {url: 'mailto:ops@example.com'}],
    ['--http-url for an http:// target', {url: 'http://a.example.com/', httpUrl: 'http://a.example.com:81/'}],
    ['another scheme', {url: 'ftp://app.example.com/'}],
    ['credentials in the URL', {url: 'https://u:p@app.example.com/'}],
    ['an https --http-url', {url: 'https://a.example.com/', httpUrl: 'https://a.example.com/'}],
    ['a path that leaves the host', {url: 'https://a.example.com/', paths: ['//evil.example/']}],
    ['a path with a space', {url: 'https://a.example.com/', paths: ['/a b']}],
    ['a burst over the hard maximum', {url: 'https://a.example.com/', burst: 501}],
    ['a burst of zero', {url: 'https://a.example.com/', burst: 0}],
  ])('refuses %s with a usage error', (_name, input) => {
    expect(() => makeTarget(input)).toThrow(expect.objectContaining({code: 'E_USAGE', exitCode: 2}));
  });

  const many = (n: number): string[] => Array.from({length: n}, (_, i) => `/p${i}`);
  it.each([
    ['--path', {paths: many(101)}],
    ['--api-path', {apiPaths: many(101)}],
    ['--rate-limit-path', {rateLimitPaths: many(101)}],
    ['--auth-path', {authEndpoints: many(101).map(parseAuthPath)}],
  ])('refuses more than 100 %s values, naming the flag and the limit', (flag, lists) => {
    expect(() => makeTarget({url: 'https://a.example.com/', ...lists})).toThrow(
      expect.objectContaining({code: 'E_USAGE', message: `at most 100 ${flag} values per target, got 101`}),
    );
  });

  it('takes 100 values of each list, and counts a repeated path once', () => {
    const t = makeTarget({
      url: 'https://a.example.com/',
      paths: [...many(100), '/p0'],
      apiPaths: many(100),
      rateLimitPaths: many(100),
      authEndpoints: many(100).map(parseAuthPath),
    });
    expect([t.paths.length, t.apiPaths.length, t.rateLimitPaths.length, t.authEndpoints.length]).toEqual([100, 100, 100, 100]);
  });

  it('notes that headers are not sent to a plain http:// target, and only there', () => {
    const headers = {authorization: 'Bearer s3cret'};
    expect(makeTarget({url: 'http://a.example.com/', headers}).notices).toEqual(['--header not sent: the target is plain http://']);
    expect(makeTarget({url: 'https://a.example.com/', headers}).notices).toEqual([]);
    expect(makeTarget({url: 'http://a.example.com/'}).notices).toEqual([]);
  });
});

describe('parseHeaderFlag', () => {
  it('splits at the first colon and trims', () => {
    expect(parseHeaderFlag('Authorization:  Bearer a:b ')).toEqual(['Authorization', 'Bearer a:b']);
  });
  it.each(['no colon', ': value', 'Bad Name: v', 'X-A: one\r\nX-B: two'])('refuses %j', (text) => {
    expect(() => parseHeaderFlag(text)).toThrow(expect.objectContaining({code: 'E_USAGE'}));
  });
  it('names where a header came from, and never shows it', () => {
    expect(() => parseHeader('Bearer s3cret', 'the header in AUTH_CONTROL')).toThrow(
      expect.objectContaining({message: "the header in AUTH_CONTROL must look like 'Name: value' (got a malformed header)"}),
    );
  });
});

describe('parseAuthPath', () => {
  it('reads a path or a method and a path, refusing 401 and 403 by default', () => {
    expect(parseAuthPath('/admin')).toEqual({path: '/admin', method: 'GET', refusal: [401, 403]});
    expect(parseAuthPath('POST /api/users')).toMatchObject({path: '/api/users', method: 'POST'});
  });
  it.each(['admin', 'post /x', 'GET  //evil'])('refuses %j', (text) => {
    expect(() => parseAuthPath(text)).toThrow(expect.objectContaining({code: 'E_USAGE'}));
  });
});
