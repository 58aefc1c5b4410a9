import check from './certificate-host.js';
import {tlsCert} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const mismatched = (subjectAltNames: string[]) => ({
  TlsCertificate: tlsCert({hostnameMatches: false}, {subjectAltNames, subject: 'CN=other.example.net'}),
});

checkTester.run(check, {
  pass: [
    {name: 'a certificate naming the host passes', artifacts: {TlsCertificate: tlsCert()}},
    {name: 'a wildcard the probe matched passes', artifacts: {TlsCertificate: tlsCert({}, {subjectAltNames: ['DNS:*.example.com']})}},
  ],
  fail: [
    {name: 'a certificate for another name fails', artifacts: mismatched(['DNS:other.example.net']), messageIds: ['mismatch']},
    {name: 'a certificate without subjectAltName fails', artifacts: mismatched([]), messageIds: ['mismatch']},
    {
      name: 'a certificate with hundreds of names fails without quoting them all',
      artifacts: mismatched(Array.from({length: 300}, (_, i) => `DNS:site${i}.example.net`)),
      messageIds: ['mismatch'],
    },
  ],
  error: [
    {
      name: 'a name match without any certificate cannot be judged',
      artifacts: {TlsCertificate: tlsCert({chain: []})},
      messageIds: ['no-certificate'],
    },
    {
      name: 'a mismatch without any certificate cannot be judged either',
      artifacts: {TlsCertificate: tlsCert({chain: [], hostnameMatches: false})},
      messageIds: ['no-certificate'],
    },
  ],
});
