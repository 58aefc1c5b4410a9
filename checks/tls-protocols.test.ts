import check from './tls-protocols.js';
import {profileTarget, tlsScan} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const scan = (...args: Parameters<typeof tlsScan>) => ({TlsScan: tlsScan(...args)});
const LEGACY = ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA'];

checkTester.run(check, {
  pass: [
    {name: 'TLS 1.2 and 1.3 meet the intermediate profile', artifacts: scan()},
    {name: 'TLS 1.3 alone meets the modern profile', artifacts: scan({'TLSv1.2': []}), target: profileTarget('modern')},
    {name: 'TLS 1.0 and 1.1 are allowed by the old profile', artifacts: scan({'TLSv1.0': LEGACY, 'TLSv1.1': LEGACY}), target: profileTarget('old')},
    {name: 'the old profile does not require TLS 1.0', artifacts: scan(), target: profileTarget('old')},
    // Stronger than intermediate asks: only compatibility is lost (its oldest clients, e.g. IE 11 on Windows 7, lack TLS 1.3).
    {name: 'TLS 1.3 alone passes under intermediate, noting the clients it shuts out', artifacts: scan({'TLSv1.2': []}), messageIds: ['tls13-only']},
    {
      name: 'TLS 1.3 alone passes under old too, with the same note',
      artifacts: scan({'TLSv1.2': []}),
      target: profileTarget('old'),
      messageIds: ['tls13-only'],
    },
  ],
  warn: [{name: 'TLS 1.2 without TLS 1.3 only warns under intermediate', artifacts: scan({'TLSv1.3': []}), messageIds: ['no-tls13']}],
  fail: [
    {
      name: 'SSL 2.0 fails even under the old profile',
      artifacts: scan({SSLv2: ['SSL_CK_DES_192_EDE3_CBC_WITH_MD5']}),
      target: profileTarget('old'),
      messageIds: ['ssl-offered'],
    },
    {name: 'SSL 3.0 fails', artifacts: scan({SSLv3: LEGACY}), messageIds: ['ssl-offered']},
    {name: 'TLS 1.0 fails under intermediate', artifacts: scan({'TLSv1.0': LEGACY}), messageIds: ['deprecated']},
    {
      name: 'TLS 1.1 fails under modern, beside the baseline TLS 1.2 it also leaves out',
      artifacts: scan({'TLSv1.1': LEGACY}),
      target: profileTarget('modern'),
      messageIds: ['deprecated', 'not-in-profile'],
    },
    {name: 'TLS 1.2 fails under the TLS 1.3-only modern profile', artifacts: scan(), target: profileTarget('modern'), messageIds: ['not-in-profile']},
    {
      name: 'TLS 1.0 beside TLS 1.3 fails for TLS 1.0 and still notes the missing TLS 1.2',
      artifacts: scan({'TLSv1.0': LEGACY, 'TLSv1.2': []}),
      messageIds: ['deprecated', 'tls13-only'],
    },
    {
      name: 'TLS 1.0 alone fails under old for lacking both TLS 1.2 and 1.3',
      artifacts: scan({'TLSv1.0': LEGACY, 'TLSv1.2': [], 'TLSv1.3': []}),
      target: profileTarget('old'),
      messageIds: ['no-tls12', 'no-tls13'],
    },
    {
      name: 'TLS 1.3 is required by the modern profile',
      artifacts: scan({'TLSv1.3': []}),
      target: profileTarget('modern'),
      messageIds: ['tls13-required', 'not-in-profile'],
    },
    {
      name: 'a legacy-only server misses both TLS 1.2 and 1.3',
      artifacts: scan({'TLSv1.0': LEGACY, 'TLSv1.2': [], 'TLSv1.3': []}),
      messageIds: ['deprecated', 'no-tls12', 'no-tls13'],
    },
  ],
  error: [
    {name: 'a server that accepted no version cannot be judged', artifacts: scan({'TLSv1.2': [], 'TLSv1.3': []}), messageIds: ['nothing-offered']},
  ],
});
