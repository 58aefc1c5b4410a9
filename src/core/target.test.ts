import {describe, expect, it} from '@jest/globals';
import {makeTarget, parseAuthPath, parseHeaderFlag} from './target.js';

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
    ['not a URL', {url: 'staging'}],
    ['--http-url for an http:// target', {url: 'http://a.example.com/', httpUrl: 'http://a.example.com:81/'}],
    ['another scheme', {url: 'ftp://app.example.com/'}],
    ['credentials in the URL', {url: 'https://u:p@app.example.com/'}],
    ['an https --http-url', {url: 'https://a.example.com/', httpUrl: 'https://a.example.com/'}],
    ['a path that leaves the host', {url: 'https://a.example.com/', paths: ['//evil.example/']}],
    ['a path with a space', {url: 'https://a.example.com/', paths: ['/a b']}],
    ['a burst over the hard maximum', {url: 'https://a.example.com/', burst: 501}],
    ['a burst of zero', {url: 'https://a.example.com/', burst: 0}],
    ['too many paths', {url: 'https://a.example.com/', paths: Array.from({length: 21}, (_, i) => `/p${i}`)}],
  ])('refuses %s with a usage error', (_name, input) => {
    expect(() => makeTarget(input)).toThrow(expect.objectContaining({code: 'E_USAGE', exitCode: 2}));
  });
});

describe('parseHeaderFlag', () => {
  it('splits at the first colon and trims', () => {
    expect(parseHeaderFlag('Authorization:  Bearer a:b ')).toEqual(['Authorization', 'Bearer a:b']);
  });
  it.each(['no colon', ': value', 'Bad Name: v', 'X-A: one\r\nX-B: two'])('refuses %j', (text) => {
    expect(() => parseHeaderFlag(text)).toThrow(expect.objectContaining({code: 'E_USAGE'}));
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
