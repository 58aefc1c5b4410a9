import {describe, expect, it} from '@jest/globals';
import {CHALLENGE_SIGNATURES, inconclusiveReason, redirectedAway} from './inconclusive.js';
import {response} from '../../test/helpers/artifacts.js';

describe('inconclusiveReason', () => {
  it.each(CHALLENGE_SIGNATURES.map((s) => [s.name, s] as const))('recognizes its example: %s', (_name, sig) => {
    const answer = response(sig.example.headers, {status: sig.example.status, body: sig.example.body});
    expect(inconclusiveReason(answer)?.code).toBe('waf-challenge');
  });

  it.each([
    ['an ordinary page', 200, {server: 'cloudflare'}, '<title>Shop</title>'],
    ['a plain 403 from the site', 403, {}, '<h1>Forbidden</h1>'],
    ['a 404 page that mentions Access Denied in prose', 404, {}, '<p>Access Denied pages are explained here.</p>'],
  ])('lets %s be judged', (_name, status, headers, body) => {
    expect(inconclusiveReason(response(headers, {status, body}))).toBeUndefined();
  });

  it.each([500, 502, 503, 504])('calls HTTP %i inconclusive', (status) => {
    expect(inconclusiveReason(response({}, {status}))).toMatchObject({code: 'http-5xx'});
  });
});

describe('redirectedAway', () => {
  // The answers are for https://app.example.com/ (the helpers' target URL).
  it.each([
    ['to https:// from an http:// page', 'http://app.example.com/.env', 301, 'https://app.example.com/.env'],
    ['to www', 'https://app.example.com/', 301, 'https://www.example.com/'],
    ['to another port', 'https://app.example.com/', 307, 'https://app.example.com:8443/'],
    ['to a protocol-relative URL on another host', 'https://app.example.com/', 302, '//sso.example.net/login'],
  ])('calls a redirect %s another origin', (_name, url, status, location) => {
    expect(redirectedAway(response({location}, {url, status}))).toMatchObject({code: 'redirected-away'});
  });

  it.each([
    ['a redirect to a path on the same origin', 302, {location: '/login'}],
    ['a redirect to the same origin written in full', 301, {location: 'https://app.example.com/index.html'}],
    ['a 3xx without Location', 304, {}],
    ['a 200 that names a Location', 200, {location: 'https://www.example.com/'}],
    ['an unparsable Location', 301, {location: 'http://[::1'}],
  ])('lets %s be judged', (_name, status, headers) => {
    expect(redirectedAway(response(headers, {status}))).toBeUndefined();
  });
});
