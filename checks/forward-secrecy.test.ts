import check from './forward-secrecy.js';
import {GOOD_TLS12, tlsScan} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const scan = (...args: Parameters<typeof tlsScan>) => ({TlsScan: tlsScan(...args)});

checkTester.run(check, {
  pass: [
    {name: 'ECDHE and TLS 1.3 suites are all forward secret', artifacts: scan()},
    {name: 'DHE suites are forward secret', artifacts: scan({'TLSv1.2': [...GOOD_TLS12, 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256']})},
    {name: 'a TLS 1.3-only server is forward secret', artifacts: scan({'TLSv1.2': []})},
  ],
  fail: [
    {name: 'a static-RSA suite has no forward secrecy', artifacts: scan({'TLSv1.2': [...GOOD_TLS12, 'TLS_RSA_WITH_AES_256_GCM_SHA384']}), messageIds: ['no-forward-secrecy']},
    {name: 'a static-ECDH suite has no forward secrecy', artifacts: scan({'TLSv1.2': ['TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256']}), messageIds: ['no-forward-secrecy']},
    {name: 'an anonymous DH suite does not count as forward secret', artifacts: scan({'TLSv1.2': ['TLS_DH_anon_WITH_AES_128_CBC_SHA']}), messageIds: ['no-forward-secrecy']},
    {
      name: 'a suite accepted on several versions is one finding',
      artifacts: scan({'TLSv1.0': ['TLS_RSA_WITH_AES_128_CBC_SHA'], 'TLSv1.2': [...GOOD_TLS12, 'TLS_RSA_WITH_AES_128_CBC_SHA']}),
      messageIds: ['no-forward-secrecy'],
    },
  ],
  error: [
    {name: 'no accepted suite leaves nothing to judge', artifacts: scan({'TLSv1.2': [], 'TLSv1.3': []}), messageIds: ['none-accepted']},
  ],
});
