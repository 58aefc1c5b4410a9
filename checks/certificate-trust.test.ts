import check from './certificate-trust.js';
import {intermediateCert, leafCert, rootCert, tlsCert} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';
import type {TrustProblem} from '../src/core/types.js';

const untrusted = (problem: TrustProblem) => ({TlsCertificate: tlsCert({trust: {trusted: false, problem, completeAsSent: false}})});

checkTester.run(check, {
  pass: [
    {name: 'a chain sent complete to a trusted root passes', artifacts: {TlsCertificate: tlsCert()}},
    {
      name: 'sending the root as well does no harm',
      artifacts: {TlsCertificate: tlsCert({chain: [leafCert(), intermediateCert(), rootCert()]})},
    },
  ],
  warn: [
    {
      name: 'a chain trusted only through a cached or fetched intermediate warns',
      artifacts: {TlsCertificate: tlsCert({chain: [leafCert()], trust: {completeAsSent: false}})},
      messageIds: ['incomplete-as-sent'],
    },
  ],
  fail: [
    {name: 'a self-signed certificate fails', artifacts: untrusted('self-signed'), messageIds: ['self-signed']},
    {name: 'an unknown issuer fails', artifacts: untrusted('unknown-issuer'), messageIds: ['unknown-issuer']},
    {name: 'a chain missing its intermediate fails', artifacts: untrusted('incomplete-chain'), messageIds: ['incomplete-chain']},
    {name: 'a signature that does not verify fails', artifacts: untrusted('bad-signature'), messageIds: ['bad-signature']},
    {name: 'an expired intermediate fails', artifacts: untrusted('expired-in-chain'), messageIds: ['expired-in-chain']},
    {name: 'a not-yet-valid certificate in the chain fails', artifacts: untrusted('not-yet-valid-in-chain'), messageIds: ['not-yet-valid-in-chain']},
    {
      name: 'an untrusted chain without a named problem still fails',
      artifacts: {TlsCertificate: tlsCert({trust: {trusted: false, completeAsSent: false}})},
      messageIds: ['untrusted'],
    },
    {
      name: 'a handshake without a certificate is untrusted',
      artifacts: {TlsCertificate: tlsCert({chain: [], trust: {trusted: false, completeAsSent: false}})},
      messageIds: ['untrusted'],
    },
  ],
  error: [
    {
      name: 'a trusted verdict without any certificate cannot be judged',
      artifacts: {TlsCertificate: tlsCert({chain: []})},
      messageIds: ['no-certificate'],
    },
  ],
});
