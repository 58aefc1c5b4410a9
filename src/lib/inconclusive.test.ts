import {describe, expect, it} from '@jest/globals';
import {CHALLENGE_SIGNATURES, inconclusiveReason} from './inconclusive.js';
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
