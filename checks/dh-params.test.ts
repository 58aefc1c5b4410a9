import check from './dh-params.js';
import {GOOD_TLS12, profileTarget, tlsScan} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const withDhe = (dhBits: number) => ({TlsScan: tlsScan({'TLSv1.2': [...GOOD_TLS12, 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256']}, {dhBits})});

checkTester.run(check, {
  pass: [
    {name: 'no DHE suite means no group to judge', artifacts: {TlsScan: tlsScan()}},
    {name: 'a 2048-bit group passes', artifacts: withDhe(2048)},
    {name: 'a 4096-bit group passes', artifacts: withDhe(4096)},
    {name: 'a lowered minimum admits 1024 bits under old, whose dh_param_size is 1024', artifacts: withDhe(1024), options: {minBits: 1024}, target: profileTarget('old')},
  ],
  fail: [
    {name: 'a 1024-bit group is weak', artifacts: withDhe(1024), messageIds: ['weak']},
    {name: 'a 1024-bit group is weak under old too by default', artifacts: withDhe(1024), target: profileTarget('old'), messageIds: ['weak']},
    {name: 'the intermediate profile keeps 2048 bits when the minimum is lowered', artifacts: withDhe(1536), options: {minBits: 1024}, messageIds: ['weak']},
    {name: 'a 768-bit group is broken', artifacts: withDhe(768), messageIds: ['broken']},
    {name: 'a 512-bit export group is broken', artifacts: withDhe(512), messageIds: ['broken']},
  ],
});
