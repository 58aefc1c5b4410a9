import check from './security-txt.js';
import {answer, exchange, probeError} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';
import type {HttpResponse, ProbeError} from '../src/core/types.js';

/** The server's clock in every case: expiry is judged against the response's Date, never the test's. */
const DATE = 'Sun, 29 Nov 2026 12:00:00 GMT';
const TEXT = {'content-type': 'text/plain; charset=utf-8', date: DATE};

const file = (lines: readonly string[], headers: Record<string, string | undefined> = TEXT) => answer(200, `${lines.join('\n')}\n`, headers);
const VALID = [
  '# security contacts',
  'Contact: mailto:security@example.com',
  'Expires: 2027-05-31T00:00:00.000Z',
  'Policy: https://example.com/security',
];
const artifact = (result: HttpResponse | ProbeError) => ({SecurityTxt: exchange('/.well-known/security.txt', result)});
const withFields = (lines: readonly string[], headers?: Record<string, string | undefined>) => artifact(file(lines, headers));

const SIGNED = `-----BEGIN PGP SIGNED MESSAGE-----
Hash: SHA256

Contact: https://example.com/security/report
Expires: 2027-05-31T00:00:00.000Z
-----BEGIN PGP SIGNATURE-----

iHUEARYKAB0WIQSdbL1Gm0n5y8Tj5bPvTXs8Vd5GCgUCZN9S1wAKCRDvTXs8Vd5G
=q0nB
-----END PGP SIGNATURE-----`;

checkTester.run(check, {
  pass: [
    {name: 'Contact and Expires half a year ahead of the server date', artifacts: withFields(VALID)},
    {name: 'a PGP-signed file', artifacts: artifact(answer(200, SIGNED, TEXT))},
    {
      name: 'several contacts: mailto, https and tel',
      artifacts: withFields([
        'Contact: mailto:security@example.com',
        'Contact: https://example.com/report',
        'Contact: tel:+1-201-555-0123',
        'Expires: 2027-05-31T00:00:00Z',
      ]),
    },
    {name: 'field names in any case', artifacts: withFields(['CONTACT: mailto:security@example.com', 'expires: 2027-05-31T00:00:00Z'])},
    {
      name: 'an Expires more than a year ahead passes with a note',
      artifacts: withFields(['Contact: mailto:security@example.com', 'Expires: 2030-01-01T00:00:00Z']),
      messageIds: ['expires-far'],
    },
    {
      name: 'without a Date header expiry is not judged, and says so',
      artifacts: withFields(VALID, {'content-type': 'text/plain'}),
      messageIds: ['expiry-not-judged'],
    },
  ],
  warn: [
    {name: 'no file: 404', artifacts: artifact(answer(404, 'Not Found', {date: DATE})), messageIds: ['missing']},
    {name: 'no file: 403 from a dot-file deny rule', artifacts: artifact(answer(403, 'Forbidden', {date: DATE})), messageIds: ['missing']},
    {
      name: 'an SPA fallback answers 200 with its shell',
      artifacts: artifact(
        answer(200, '<!doctype html><html><head><title>Shop</title></head><body><div id="root"></div></body></html>', {
          'content-type': 'text/html',
          date: DATE,
        }),
      ),
      messageIds: ['not-security-txt'],
    },
    {
      name: 'a redirect to another host',
      artifacts: artifact(answer(301, '', {location: 'https://www.example.com/.well-known/security.txt', date: DATE})),
      messageIds: ['redirected'],
    },
    {
      name: 'expired before the server date',
      artifacts: withFields(['Contact: mailto:security@example.com', 'Expires: 2025-12-31T23:59:59Z']),
      messageIds: ['expired'],
    },
    {name: 'no Expires field', artifacts: withFields(['Contact: mailto:security@example.com']), messageIds: ['no-expires']},
    {
      name: 'an Expires that is not RFC 3339',
      artifacts: withFields(['Contact: mailto:security@example.com', 'Expires: Mon, 31 May 2027 00:00:00 GMT']),
      messageIds: ['expires-invalid'],
    },
    {name: 'Expires given twice', artifacts: withFields([...VALID, 'Expires: 2027-06-30T00:00:00Z']), messageIds: ['expires-repeated']},
    {name: 'served as text/html', artifacts: withFields(VALID, {'content-type': 'text/html', date: DATE}), messageIds: ['content-type']},
    {
      name: 'a bare e-mail address as Contact',
      artifacts: withFields(['Contact: security@example.com', 'Expires: 2027-05-31T00:00:00Z']),
      messageIds: ['contact-invalid'],
    },
    {
      name: 'an http:// Contact',
      artifacts: withFields(['Contact: http://example.com/report', 'Expires: 2027-05-31T00:00:00Z']),
      messageIds: ['contact-invalid'],
    },
  ],
  fail: [
    {
      name: 'no Contact field',
      artifacts: withFields(['Expires: 2027-05-31T00:00:00Z', 'Policy: https://example.com/security']),
      messageIds: ['no-contact'],
    },
    {
      name: 'no Contact, and expired too',
      artifacts: withFields(['Expires: 2025-01-01T00:00:00Z', 'Policy: https://example.com/security']),
      messageIds: ['no-contact', 'expired'],
    },
  ],
  error: [
    {name: 'the request timed out', artifacts: artifact(probeError('timeout')), messageIds: ['unavailable']},
    {name: 'the server answered 503', artifacts: artifact(answer(503, 'Service Unavailable')), messageIds: ['unavailable']},
    {
      name: 'a rate limiter answered 429, which says nothing about the file',
      artifacts: artifact(answer(429, 'Too Many Requests', {'retry-after': '120', date: DATE})),
      messageIds: ['unavailable'],
    },
    {
      name: 'a Cloudflare challenge answered',
      artifacts: artifact(answer(403, '<title>Just a moment...</title>', {'cf-mitigated': 'challenge'})),
      messageIds: ['unavailable'],
    },
  ],
});
