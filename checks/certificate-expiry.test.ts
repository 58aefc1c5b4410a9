import {describe, expect, it} from '@jest/globals';
import check from './certificate-expiry.js';
import {profileTarget, TARGET, tlsCert} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';
import type {CertInfo} from '../src/core/types.js';

// The baseline is observed on 2025-06-01T12:00Z; its 90-day leaf runs 2025-05-01 to 2025-07-29 inclusive.
const leaf = (changes: Partial<CertInfo>) => ({TlsCertificate: tlsCert({}, changes)});
const observedAt = (at: string) => ({TlsCertificate: tlsCert({observedAt: at})});
/** A certificate valid from 1 January 2025 for this many days (inclusive), observed on 1 June 2025. */
const lifetime = (days: number) =>
  leaf({notBefore: '2025-01-01T00:00:00.000Z', notAfter: new Date(Date.parse('2025-01-01T00:00:00.000Z') + days * 86_400_000 - 1000).toISOString()});
/** From 1 January 2025 to exactly this many days (and hours) later, the way sslyze subtracts the dates. */
const span = (days: number, hours = 0) =>
  leaf({
    notBefore: '2025-01-01T00:00:00.000Z',
    notAfter: new Date(Date.parse('2025-01-01T00:00:00.000Z') + days * 86_400_000 + hours * 3_600_000).toISOString(),
  });

checkTester.run(check, {
  pass: [
    {name: 'a 90-day certificate with 58 days left passes', artifacts: {TlsCertificate: tlsCert()}},
    {name: 'a 90-day certificate meets the modern 90-day maximum', artifacts: {TlsCertificate: tlsCert()}, target: profileTarget('modern')},
    {name: 'exactly 366 days meets the intermediate maximum', artifacts: lifetime(366)},
    {name: '366 days and 23 hours is 366 whole days, within 366 as sslyze counts', artifacts: span(366, 23)},
    {name: '31 days left is outside the default 30-day window', artifacts: observedAt('2025-06-28T23:59:59.000Z')},
  ],
  warn: [
    {name: '29 days left warns', artifacts: observedAt('2025-06-30T12:00:00.000Z'), messageIds: ['expiring']},
    {name: 'a wider warning window warns sooner', artifacts: {TlsCertificate: tlsCert()}, options: {warnDays: 60}, messageIds: ['expiring']},
    {name: '397 days is above the intermediate maximum of 366', artifacts: lifetime(397), messageIds: ['lifetime']},
    {name: '367 whole days is above the intermediate maximum of 366', artifacts: span(367), messageIds: ['lifetime']},
    // The 180-day leaf also ends on 29 June 2025, 28 days after the scan.
    {
      name: '180 days is above the modern maximum of 90',
      artifacts: lifetime(180),
      target: profileTarget('modern'),
      messageIds: ['lifetime', 'expiring'],
    },
  ],
  fail: [
    {name: 'an expired certificate fails', artifacts: observedAt('2025-08-15T00:00:00.000Z'), messageIds: ['expired']},
    {name: 'one second past notAfter is expired', artifacts: observedAt('2025-07-30T00:00:00.000Z'), messageIds: ['expired']},
    {name: 'a certificate not yet valid fails', artifacts: observedAt('2025-04-30T00:00:00.000Z'), messageIds: ['not-yet-valid']},
    {name: 'the strict preset fails a long lifetime', artifacts: lifetime(397), options: check.strictOptions, messageIds: ['lifetime']},
  ],
  error: [
    {name: 'no certificate cannot be judged', artifacts: {TlsCertificate: tlsCert({chain: []})}, messageIds: ['no-certificate']},
    {name: 'unreadable dates cannot be judged', artifacts: leaf({notAfter: 'soon'}), messageIds: ['unreadable-dates']},
  ],
});

describe('certificate-expiry lifetime evidence', () => {
  it.each([
    ['a 397-day certificate, inclusive of its last second, is 396 whole days', lifetime(397), 396, 396.99998],
    ['367 days and 12 hours is 367 whole days', span(367, 12), 367, 367.5],
  ])('%s', (_name, artifacts, days, exact) => {
    const finding = check.run(artifacts, check.defaultOptions, TARGET).findings.find((f) => f.messageId === 'lifetime');
    expect(finding?.data).toMatchObject({days, exact, maximum: 366});
  });
});
