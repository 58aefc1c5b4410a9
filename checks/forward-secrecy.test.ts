import check from './forward-secrecy.js';
import {GOOD_TLS12, profileTarget, tlsScan} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const scan = (...args: Parameters<typeof tlsScan>) => ({TlsScan: tlsScan(...args)});
/** Static RSA on TLS 1.2 beside the baseline's forward-secret AEAD suites. */
const besideStrong = scan({'TLSv1.2': [...GOOD_TLS12, 'TLS_RSA_WITH_AES_256_GCM_SHA384']});

checkTester.run(check, {
  pass: [
    {name: 'ECDHE and TLS 1.3 suites are all forward secret', artifacts: scan()},
    {name: 'DHE suites are forward secret', artifacts: scan({'TLSv1.2': [...GOOD_TLS12, 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256']})},
    {name: 'a TLS 1.3-only server is forward secret', artifacts: scan({'TLSv1.2': []})},
  ],
  warn: [
    {name: 'a static-RSA suite beside forward-secret AEAD suites on its version warns', artifacts: besideStrong, messageIds: ['no-forward-secrecy']},
    {name: 'old, which lists static RSA, warns the same', artifacts: besideStrong, target: profileTarget('old'), messageIds: ['no-forward-secrecy']},
  ],
  fail: [
    {
      name: 'the strict preset fails a static-RSA suite beside strong ones',
      artifacts: besideStrong,
      options: check.strictOptions,
      messageIds: ['no-forward-secrecy'],
    },
    {
      name: 'the modern profile fails a static-RSA suite beside strong ones',
      artifacts: besideStrong,
      target: profileTarget('modern'),
      messageIds: ['no-forward-secrecy'],
    },
    {
      name: 'a server without forward secrecy at all fails',
      artifacts: scan({'TLSv1.2': ['TLS_RSA_WITH_AES_128_GCM_SHA256'], 'TLSv1.3': []}),
      messageIds: ['no-forward-secrecy'],
    },
    {
      name: 'static ECDH alone on TLS 1.2 fails although TLS 1.3 is forward secret',
      artifacts: scan({'TLSv1.2': ['TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256']}),
      messageIds: ['no-forward-secrecy'],
    },
    {
      name: 'an anonymous DH suite does not count as forward secret',
      artifacts: scan({'TLSv1.2': ['TLS_DH_anon_WITH_AES_128_CBC_SHA']}),
      messageIds: ['no-forward-secrecy'],
    },
    {
      name: 'a suite accepted on several versions is one finding, failing for TLS 1.0, which has no AEAD suite',
      artifacts: scan({'TLSv1.0': ['TLS_RSA_WITH_AES_128_CBC_SHA'], 'TLSv1.2': [...GOOD_TLS12, 'TLS_RSA_WITH_AES_128_CBC_SHA']}),
      messageIds: ['no-forward-secrecy'],
    },
  ],
  error: [
    {name: 'no accepted version leaves nothing to judge', artifacts: scan({'TLSv1.2': [], 'TLSv1.3': []}), messageIds: ['none-accepted']},
    {
      name: 'a version offered without any accepted suite leaves nothing to judge',
      artifacts: scan({'TLSv1.2': {version: 'TLSv1.2', offered: true, suites: []}, 'TLSv1.3': []}),
      messageIds: ['none-accepted'],
    },
  ],
});
