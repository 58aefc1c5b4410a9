import check from './tls-ciphers.js';
import {GOOD_TLS12, GOOD_TLS13, profileTarget, protocolScan, tlsScan} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const scan = (...args: Parameters<typeof tlsScan>) => ({TlsScan: tlsScan(...args)});
/** The baseline's TLS 1.2 suites plus one more. */
const plus12 = (name: string) => scan({'TLSv1.2': [...GOOD_TLS12, name]});
const OLD = profileTarget('old');
const MODERN = profileTarget('modern');
const CBC = 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256';
// The baseline lets the client choose on TLS 1.2 and 1.3: every case that keeps it carries the order note.
const ORDER_STRONG = 'client-order-strong';
/** A weaker suite on TLS 1.2 turns its note into a warning; TLS 1.3 keeps the strong-only note. */
const ORDER_WEAK = ['client-order', ORDER_STRONG];
/** Under old, whose list is ordered, TLS 1.3's client order warns too. */
const ORDER_WEAK_OLD = ['client-order', 'client-order-profile'];

checkTester.run(check, {
  pass: [
    {name: 'the intermediate ECDHE AEAD suites with client order pass, noting the client picks', artifacts: scan(), messageIds: [ORDER_STRONG]},
    {name: 'a DHE suite of the intermediate list passes', artifacts: plus12('TLS_DHE_RSA_WITH_AES_256_GCM_SHA384'), messageIds: [ORDER_STRONG]},
    {
      name: 'server order needs no note',
      artifacts: scan({'TLSv1.2': protocolScan('TLSv1.2', GOOD_TLS12, true), 'TLSv1.3': protocolScan('TLSv1.3', GOOD_TLS13, true)}),
    },
    {name: 'TLS 1.3 suites alone meet the modern profile', artifacts: scan({'TLSv1.2': []}), target: MODERN, messageIds: [ORDER_STRONG]},
    {
      name: 'static RSA and CBC suites are in the old profile, with server order',
      artifacts: scan({
        'TLSv1.0': protocolScan('TLSv1.0', ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'TLS_RSA_WITH_AES_128_CBC_SHA'], true),
        'TLSv1.2': protocolScan('TLSv1.2', [...GOOD_TLS12, 'TLS_RSA_WITH_AES_128_GCM_SHA256'], true),
        'TLSv1.3': protocolScan('TLSv1.3', GOOD_TLS13, true),
      }),
      target: OLD,
    },
  ],
  warn: [
    {
      name: 'a strong suite outside the profile warns',
      artifacts: plus12('TLS_ECDHE_ECDSA_WITH_AES_128_CCM'),
      messageIds: ['strong-not-in-profile', ORDER_STRONG],
    },
    {
      name: 'a strong TLS 1.3 suite outside the profile warns',
      artifacts: scan({'TLSv1.3': [...GOOD_TLS13, 'TLS_AES_128_CCM_SHA256']}),
      messageIds: ['strong-not-in-profile', ORDER_STRONG],
    },
    {
      name: 'client order while weaker suites are accepted warns',
      artifacts: plus12('TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA'),
      target: OLD,
      messageIds: ORDER_WEAK_OLD,
    },
    {
      name: 'client order with only strong suites warns under old, whose list is ordered',
      artifacts: scan(),
      target: OLD,
      messageIds: ['client-order-profile'],
    },
    {
      name: 'a CBC suite beside forward-secret AEAD suites on its version only warns by default',
      artifacts: plus12(CBC),
      messageIds: ['cbc', ...ORDER_WEAK],
    },
    {
      name: "a static-RSA suite is forward-secrecy's to report: only the client order it spoils is noted here",
      artifacts: plus12('TLS_RSA_WITH_AES_128_GCM_SHA256'),
      messageIds: ORDER_WEAK,
    },
    {
      name: "a static-ECDH suite is forward-secrecy's to report too",
      artifacts: plus12('TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256'),
      messageIds: ORDER_WEAK,
    },
    {
      name: 'a static-RSA CBC suite is judged here for its CBC alone',
      artifacts: plus12('TLS_RSA_WITH_AES_128_CBC_SHA'),
      messageIds: ['cbc', ...ORDER_WEAK],
    },
  ],
  fail: [
    {name: 'a NULL suite fails', artifacts: plus12('TLS_RSA_WITH_NULL_SHA'), messageIds: ['null', ...ORDER_WEAK]},
    {name: 'an anonymous DH suite fails', artifacts: plus12('TLS_DH_anon_WITH_AES_128_CBC_SHA'), messageIds: ['anonymous', ...ORDER_WEAK]},
    {
      name: 'an anonymous ECDH suite fails under old',
      artifacts: plus12('TLS_ECDH_anon_WITH_AES_128_CBC_SHA'),
      target: OLD,
      messageIds: ['anonymous', ...ORDER_WEAK_OLD],
    },
    {name: 'an export suite fails', artifacts: plus12('TLS_RSA_EXPORT_WITH_RC4_40_MD5'), messageIds: ['export', ...ORDER_WEAK]},
    {name: 'RC4 fails', artifacts: plus12('TLS_RSA_WITH_RC4_128_SHA'), messageIds: ['rc4', ...ORDER_WEAK]},
    {name: 'single DES fails', artifacts: plus12('TLS_RSA_WITH_DES_CBC_SHA'), messageIds: ['des', ...ORDER_WEAK]},
    {
      name: '3DES fails even though the old profile lists it',
      artifacts: plus12('TLS_RSA_WITH_3DES_EDE_CBC_SHA'),
      target: OLD,
      messageIds: ['3des', ...ORDER_WEAK_OLD],
    },
    {name: 'an SSLv2 suite is judged too', artifacts: scan({SSLv2: ['SSL_CK_RC4_128_WITH_MD5']}), messageIds: ['rc4', ORDER_STRONG]},
    {
      name: 'the strict preset fails a CBC suite beside strong ones',
      artifacts: plus12(CBC),
      options: check.strictOptions,
      messageIds: ['cbc', ...ORDER_WEAK],
    },
    {
      name: 'the modern profile fails a CBC suite beside strong ones',
      artifacts: plus12(CBC),
      target: MODERN,
      messageIds: ['cbc', 'strong-not-in-profile', ...ORDER_WEAK],
    },
    {
      name: 'CBC fails on a version with no forward-secret AEAD suite, although TLS 1.3 has one',
      artifacts: scan({'TLSv1.2': [CBC]}),
      messageIds: ['cbc', ORDER_STRONG],
    },
    {
      name: 'CBC fails on TLS 1.0, which has no AEAD suite',
      artifacts: scan({'TLSv1.0': ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA']}),
      messageIds: ['cbc', ORDER_STRONG],
    },
    {
      name: 'a TLS 1.2 suite fails under modern, which has none',
      artifacts: scan({'TLSv1.2': ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA']}),
      target: MODERN,
      messageIds: ['cbc', ORDER_STRONG],
    },
    {
      name: 'a suite the old profile does not list fails',
      artifacts: plus12('TLS_RSA_WITH_CAMELLIA_128_CBC_SHA'),
      target: OLD,
      messageIds: ['not-in-profile', ...ORDER_WEAK_OLD],
    },
  ],
  error: [
    {name: 'a server that accepted no version cannot be judged', artifacts: scan({'TLSv1.2': [], 'TLSv1.3': []}), messageIds: ['nothing-offered']},
    {
      name: 'a version offered without any accepted suite cannot be judged',
      artifacts: scan({'TLSv1.2': {version: 'TLSv1.2', offered: true, suites: []}, 'TLSv1.3': []}),
      messageIds: ['no-suites'],
    },
  ],
});
