import check from './dh-params.js';
import {GOOD_TLS12, profileTarget, tlsScan} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const DHE = {'TLSv1.2': [...GOOD_TLS12, 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256']};
const withDhe = (dhBits: number) => ({TlsScan: tlsScan(DHE, {dhBits})});

checkTester.run(check, {
  pass: [
    {name: 'no DHE suite means no group to judge', artifacts: {TlsScan: tlsScan()}},
    {name: 'a 2048-bit group passes', artifacts: withDhe(2048)},
    {name: 'a 4096-bit group passes', artifacts: withDhe(4096)},
    {
      name: 'a lowered minimum admits 1024 bits under old, whose dh_param_size is 1024',
      artifacts: withDhe(1024),
      options: {minBits: 1024},
      target: profileTarget('old'),
    },
  ],
  fail: [
    {name: 'a 1024-bit group is weak', artifacts: withDhe(1024), messageIds: ['weak']},
    {name: 'a 1024-bit group is weak under old too by default', artifacts: withDhe(1024), target: profileTarget('old'), messageIds: ['weak']},
    {
      name: 'the intermediate profile keeps 2048 bits when the minimum is lowered',
      artifacts: withDhe(1536),
      options: {minBits: 1024},
      messageIds: ['weak'],
    },
    {name: 'a 768-bit group is broken', artifacts: withDhe(768), messageIds: ['broken']},
    {name: 'a 512-bit export group is broken', artifacts: withDhe(512), messageIds: ['broken']},
  ],
  error: [
    // A port that answers every ClientHello with handshake_failure shows no DHE suite, and no other suite either.
    {
      name: 'a server that accepted no version cannot be judged',
      artifacts: {TlsScan: tlsScan({'TLSv1.2': [], 'TLSv1.3': []})},
      messageIds: ['nothing-offered'],
    },
    {
      name: 'a version offered without any accepted suite cannot be judged',
      artifacts: {TlsScan: tlsScan({'TLSv1.2': {version: 'TLSv1.2', offered: true, suites: []}, 'TLSv1.3': []})},
      messageIds: ['no-suites'],
    },
    {name: 'a DHE suite whose group size was not read cannot be judged', artifacts: {TlsScan: tlsScan(DHE)}, messageIds: ['unmeasured']},
  ],
});
