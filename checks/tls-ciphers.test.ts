import check from './tls-ciphers.js';
import {GOOD_TLS12, GOOD_TLS13, profileTarget, protocolScan, tlsScan} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const scan = (...args: Parameters<typeof tlsScan>) => ({TlsScan: tlsScan(...args)});
/** The baseline's TLS 1.2 suites plus one more. */
const plus12 = (name: string) => scan({'TLSv1.2': [...GOOD_TLS12, name]});
const OLD = profileTarget('old');
const MODERN = profileTarget('modern');

checkTester.run(check, {
  pass: [
    {
      name: 'the intermediate ECDHE AEAD suites with client order pass, noting the client picks',
      artifacts: scan(),
      messageIds: ['client-order-strong'],
    },
    {name: 'a DHE suite of the intermediate list passes', artifacts: plus12('TLS_DHE_RSA_WITH_AES_256_GCM_SHA384')},
    {name: 'server order needs no note', artifacts: scan({'TLSv1.2': protocolScan('TLSv1.2', GOOD_TLS12, true), 'TLSv1.3': protocolScan('TLSv1.3', GOOD_TLS13, true)})},
    {name: 'TLS 1.3 suites alone meet the modern profile', artifacts: scan({'TLSv1.2': []}), target: MODERN},
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
      messageIds: ['strong-not-in-profile'],
    },
    {
      name: 'a strong TLS 1.3 suite outside the profile warns',
      artifacts: scan({'TLSv1.3': [...GOOD_TLS13, 'TLS_AES_128_CCM_SHA256']}),
      messageIds: ['strong-not-in-profile'],
    },
    {
      name: 'client order while weaker suites are accepted warns',
      artifacts: plus12('TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA'),
      target: OLD,
      messageIds: ['client-order'],
    },
    {
      name: 'client order with only strong suites warns under old, whose list is ordered',
      artifacts: scan(),
      target: OLD,
      messageIds: ['client-order-profile'],
    },
  ],
  fail: [
    {name: 'a NULL suite fails', artifacts: plus12('TLS_RSA_WITH_NULL_SHA'), messageIds: ['null']},
    {name: 'an anonymous DH suite fails', artifacts: plus12('TLS_DH_anon_WITH_AES_128_CBC_SHA'), messageIds: ['anonymous']},
    {name: 'an anonymous ECDH suite fails under old', artifacts: plus12('TLS_ECDH_anon_WITH_AES_128_CBC_SHA'), target: OLD, messageIds: ['anonymous']},
    {name: 'an export suite fails', artifacts: plus12('TLS_RSA_EXPORT_WITH_RC4_40_MD5'), messageIds: ['export']},
    {name: 'RC4 fails', artifacts: plus12('TLS_RSA_WITH_RC4_128_SHA'), messageIds: ['rc4']},
    {name: 'single DES fails', artifacts: plus12('TLS_RSA_WITH_DES_CBC_SHA'), messageIds: ['des']},
    {name: '3DES fails even though the old profile lists it', artifacts: plus12('TLS_RSA_WITH_3DES_EDE_CBC_SHA'), target: OLD, messageIds: ['3des']},
    {name: 'an SSLv2 suite is judged too', artifacts: scan({SSLv2: ['SSL_CK_RC4_128_WITH_MD5']}), messageIds: ['rc4']},
    {name: 'static RSA fails under intermediate', artifacts: plus12('TLS_RSA_WITH_AES_128_GCM_SHA256'), messageIds: ['static-rsa']},
    {name: 'CBC fails under intermediate', artifacts: plus12('TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256'), messageIds: ['cbc']},
    {name: 'a TLS 1.2 suite fails under modern, which has none', artifacts: scan({'TLSv1.2': ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA']}), target: MODERN, messageIds: ['cbc']},
    {name: 'static ECDH fails as outside the profile', artifacts: plus12('TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256'), messageIds: ['not-in-profile']},
    {name: 'a suite the old profile does not list fails', artifacts: plus12('TLS_RSA_WITH_CAMELLIA_128_CBC_SHA'), target: OLD, messageIds: ['not-in-profile']},
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
