import {describe, expect, it} from '@jest/globals';
import {describeRateLimit, parseRateLimitHeaders, parseRetryAfter} from './ratelimit-headers.js';
import type {RawHeader} from '../core/types.js';

const h = (...pairs: [string, string][]): RawHeader[] => pairs.map(([n, v]) => [n.toLowerCase(), v]);

describe('parseRateLimitHeaders', () => {
  it('reads the structured-field form of draft-08 and later, as express-rate-limit sends it', () => {
    const signals = parseRateLimitHeaders(
      h(['RateLimit-Policy', '"10-in-1min"; q=10; w=60; pk=:ZTI2N2U5YmYyNTNi:'], ['RateLimit', '"10-in-1min"; r=0; t=58']),
    );
    expect(signals).toEqual({
      fields: ['ratelimit-policy', 'ratelimit'],
      policies: [{name: '10-in-1min', quota: 10, windowSeconds: 60}],
      quotas: [{name: '10-in-1min', remaining: 0, resetSeconds: 58}],
    });
    expect(describeRateLimit(signals)).toBe('policy "10-in-1min" 10 per 60 s; "10-in-1min" remaining 0, reset in 58 s');
  });

  it('reads several policies in one list and in repeated fields', () => {
    const signals = parseRateLimitHeaders(
      h(['RateLimit-Policy', '"burst";q=100;w=60,"daily";q=1000;w=86400'], ['RateLimit-Policy', 'hourly;q=500;w=3600']),
    );
    expect(signals.policies).toEqual([
      {name: 'burst', quota: 100, windowSeconds: 60},
      {name: 'daily', quota: 1000, windowSeconds: 86400},
      {name: 'hourly', quota: 500, windowSeconds: 3600},
    ]);
  });

  it('reads the draft-07 dictionary and its numeric policy', () => {
    const signals = parseRateLimitHeaders(h(['RateLimit-Policy', '10;w=60'], ['RateLimit', 'limit=10, remaining=0, reset=60']));
    expect(signals).toEqual({
      fields: ['ratelimit-policy', 'ratelimit'],
      policies: [{quota: 10, windowSeconds: 60}],
      quotas: [{limit: 10, remaining: 0, resetSeconds: 60}],
    });
  });

  it('reads the separate headers of draft-06 and earlier', () => {
    const signals = parseRateLimitHeaders(h(['RateLimit-Limit', '10'], ['RateLimit-Remaining', '3'], ['RateLimit-Reset', '42']));
    expect(signals.fields).toEqual(['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']);
    expect(signals.quotas).toEqual([{limit: 10, remaining: 3, resetSeconds: 42}]);
  });

  it('takes the leading number of a draft-03 limit that lists its policy', () => {
    expect(parseRateLimitHeaders(h(['RateLimit-Limit', '10, 10;w=1, 1000;w=3600'])).quotas).toEqual([{limit: 10}]);
  });

  it('reads X-RateLimit-* and tells a Unix-time reset from a delay', () => {
    const epoch = parseRateLimitHeaders(h(['X-RateLimit-Limit', '60'], ['X-RateLimit-Remaining', '0'], ['X-RateLimit-Reset', '1735689600']));
    expect(epoch.quotas).toEqual([{limit: 60, remaining: 0, resetAt: 1735689600}]);
    expect(describeRateLimit(epoch)).toBe('limit 60, remaining 0, reset at 2025-01-01T00:00:00.000Z');
    const delay = parseRateLimitHeaders(h(['X-Rate-Limit-Limit', '15'], ['X-Rate-Limit-Reset', '900']));
    expect(delay.quotas).toEqual([{limit: 15, resetSeconds: 900}]);
    expect(delay.fields).toEqual(['x-rate-limit-limit', 'x-rate-limit-reset']);
  });

  it('finds nothing in a response without rate-limit headers', () => {
    const signals = parseRateLimitHeaders(h(['content-type', 'text/html'], ['retry-after', '30']));
    expect(signals).toEqual({fields: [], policies: [], quotas: []});
    expect(describeRateLimit(signals)).toBe('');
  });

  it('ignores garbage, negative numbers and unterminated strings', () => {
    const signals = parseRateLimitHeaders(
      h(['RateLimit', '"open;r=1'], ['RateLimit-Policy', '"x";q=-5;w=abc def'], ['X-RateLimit-Limit', 'lots'], ['RateLimit-Remaining', '-1']),
    );
    expect(signals).toEqual({fields: [], policies: [], quotas: []});
  });

  it('keeps a comma inside a quoted policy name', () => {
    expect(parseRateLimitHeaders(h(['RateLimit', '"a,b";r=5;t=1'])).quotas).toEqual([{name: 'a,b', remaining: 5, resetSeconds: 1}]);
  });

  it('caps a hostile field before splitting it', () => {
    const huge = Array.from({length: 50_000}, (_, i) => `"p${i}";q=1;w=1`).join(',');
    expect(parseRateLimitHeaders(h(['RateLimit-Policy', huge])).policies.length).toBeLessThan(100);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['30', {seconds: 30}],
    [' 0 ', {seconds: 0}],
    ['Wed, 21 Oct 2015 07:28:00 GMT', {date: 'Wed, 21 Oct 2015 07:28:00 GMT'}],
    ['Wednesday, 21-Oct-15 07:28:00 GMT', {date: 'Wed, 21 Oct 2015 07:28:00 GMT'}],
  ])('accepts %j', (value, expected) => {
    expect(parseRetryAfter(value)).toEqual(expected);
  });

  it.each([undefined, '', '-1', '1.5', '2024-01-01', 'soon', 'Wed, 99 Foo 2015 07:28:00 GMT'])('rejects %j', (value) => {
    expect(parseRetryAfter(value)).toBeUndefined();
  });
});
