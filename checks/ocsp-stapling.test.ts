import check from './ocsp-stapling.js';
import {tlsCert} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const unstapled = {TlsCertificate: tlsCert({ocspStapled: false})};

checkTester.run(check, {
  pass: [
    {name: 'a stapled response passes', artifacts: {TlsCertificate: tlsCert()}},
    {name: 'a stapled response passes when required', artifacts: {TlsCertificate: tlsCert()}, options: {require: true}},
    {name: 'no staple is only a note by default', artifacts: unstapled, messageIds: ['not-stapled']},
  ],
  warn: [{name: 'the strict preset warns without a staple', artifacts: unstapled, options: check.strictOptions, messageIds: ['not-stapled']}],
  error: [
    {
      name: 'no staple without any certificate cannot be judged',
      artifacts: {TlsCertificate: tlsCert({chain: [], ocspStapled: false})},
      messageIds: ['no-certificate'],
    },
    {name: 'a staple without any certificate cannot be judged', artifacts: {TlsCertificate: tlsCert({chain: []})}, messageIds: ['no-certificate']},
  ],
});
