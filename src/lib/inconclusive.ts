/**
 * Answers that cannot be judged: a 5xx, or a WAF/bot challenge page served instead of the site.
 * Judging their headers would report the WAF's configuration (or a crash page) as the site's, so
 * the checks that need them report `error` instead. Signatures are data, each with an example.
 */
import {headerValue} from './headers.js';
import type {HttpResponse} from '../core/types.js';

export interface ChallengeSignature {
  readonly name: string;
  /** Matches when every given part matches. */
  readonly header?: {readonly name: string; readonly pattern: RegExp};
  readonly body?: RegExp;
  readonly statuses?: readonly number[];
  /** An excerpt of a real challenge answer, for the table test. */
  readonly example: {readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: string};
}

export const CHALLENGE_SIGNATURES: readonly ChallengeSignature[] = [
  {
    name: 'Cloudflare challenge',
    header: {name: 'cf-mitigated', pattern: /challenge/i},
    example: {status: 403, headers: {'cf-mitigated': 'challenge', server: 'cloudflare'}, body: '<title>Just a moment...</title>'},
  },
  {
    name: 'Cloudflare interstitial',
    statuses: [403, 429, 503],
    body: /<title>(?:Just a moment\.\.\.|Attention Required! \| Cloudflare)<\/title>/i,
    example: {status: 503, headers: {server: 'cloudflare'}, body: '<!DOCTYPE html><html><head><title>Just a moment...</title>'},
  },
  {
    name: 'AWS WAF',
    header: {name: 'x-amzn-waf-action', pattern: /captcha|challenge|block/i},
    example: {status: 405, headers: {'x-amzn-waf-action': 'captcha'}, body: ''},
  },
  {
    name: 'Akamai block page',
    statuses: [403],
    body: /<title>Access Denied<\/title>[\s\S]*Reference&#32;&#35;|You don't have permission to access .* on this server\.[\s\S]*Reference #/i,
    example: {
      status: 403,
      headers: {server: 'AkamaiGHost'},
      body: '<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>You don\'t have permission to access "/" on this server.<P>Reference #18.6f2c1402</BODY></HTML>',
    },
  },
  {
    name: 'Imperva Incapsula',
    body: /Incapsula incident ID|_Incapsula_Resource/i,
    example: {status: 200, headers: {}, body: '<iframe src="/_Incapsula_Resource?CWUDNSAI=9">Request unsuccessful. Incapsula incident ID: 1-2</iframe>'},
  },
  {
    name: 'Sucuri firewall',
    body: /Sucuri WebSite Firewall - Access Denied/i,
    example: {status: 403, headers: {server: 'Sucuri/Cloudproxy'}, body: '<title>Sucuri WebSite Firewall - Access Denied</title>'},
  },
  {
    name: 'DDoS-Guard',
    statuses: [403],
    body: /<title>DDoS-Guard<\/title>/i,
    example: {status: 403, headers: {server: 'ddos-guard'}, body: '<title>DDoS-Guard</title>'},
  },
];

/** Why this answer cannot be judged, or undefined when it can. */
export function inconclusiveReason(response: HttpResponse): {code: 'http-5xx' | 'waf-challenge'; message: string} | undefined {
  const excerpt = response.body.slice(0, 8192);
  for (const sig of CHALLENGE_SIGNATURES) {
    if (sig.statuses && !sig.statuses.includes(response.status)) continue;
    if (sig.header && !sig.header.pattern.test(headerValue(response, sig.header.name) ?? '')) continue;
    if (sig.body && !sig.body.test(excerpt)) continue;
    return {code: 'waf-challenge', message: `a ${sig.name} page answered (HTTP ${response.status}) instead of the site`};
  }
  if (response.status >= 500) return {code: 'http-5xx', message: `the server answered HTTP ${response.status}`};
  return undefined;
}
