import check from './certificate-expiry.js';
import {profileTarget, tlsCert} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';
import type {CertInfo} from '../src/core/types.js';

// The baseline is observed on 2025-06-01T12:00Z; its 90-day leaf runs 2025-05-01 to 2025-07-29 inclusive.
const leaf = (changes: Partial<CertInfo>) => ({TlsCertificate: tlsCert({}, changes)});
const observedAt = (at: string) => ({TlsCertificate: tlsCert({observedAt: at})});
/** A certificate valid from 1 January 2025 for this many days (inclusive), observed on 1 June 2025. */
const lifetime = (days: number) => leaf({notBefore: '2025-01-01T00:00:00.000Z', notAfter: new Date(Date.parse('2025-01-01T00:00:00.000Z') + days * 86_400_000 - 1000).toISOString()});

checkTester.run(check, {
  pass: [
    {name: 'a 90-day certificate with 58 days left passes', artifacts: {TlsCertificate: tlsCert()}},
    {name: 'a 90-day certificate meets the modern 90-day maximum', artifacts: {TlsCertificate: tlsCert()}, target: profileTarget('modern')},
    {name: 'exactly 366 days meets the intermediate maximum', artifacts: lifetime(366)},
    {name: '31 days left is outside the default 30-day window', artifacts: observedAt('2025-06-28T23:59:59.000Z')},
  ],
  warn: [
    {name: '29 days left warns', artifacts: observedAt('2025-06-30T12:00:00.000Z'), messageIds: ['expiring']},
    {name: 'a wider warning window warns sooner', artifacts: {TlsCertificate: tlsCert()}, options: {warnDays: 60}, messageIds: ['expiring']},
    {name: '397 days is above the intermediate maximum of 366', artifacts: lifetime(397), messageIds: ['lifetime']},
    {name: '180 days is above the modern maximum of 90', artifacts: lifetime(180), target: profileTarget('modern'), messageIds: ['lifetime']},
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
