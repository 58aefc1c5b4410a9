import check from './certificate-key.js';
import {intermediateCert, leafCert, profileTarget, rootCert, tlsCert} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';
import type {CertInfo} from '../src/core/types.js';

const leaf = (changes: Partial<CertInfo>) => ({TlsCertificate: tlsCert({}, changes)});
const rsa = (keyBits: number) => leaf({keyType: 'rsa', keyBits, signatureAlgorithm: 'sha256WithRSAEncryption'});
const RSA_2048 = {keyType: 'rsa', keyBits: 2048, signatureAlgorithm: 'sha256WithRSAEncryption'} as const;
const withIntermediate = (changes: Partial<CertInfo>) => ({TlsCertificate: tlsCert({chain: [leafCert(), intermediateCert(changes)]})});

checkTester.run(check, {
  pass: [
    {name: 'an ECDSA P-256 leaf signed with SHA-256 passes', artifacts: {TlsCertificate: tlsCert()}},
    {name: 'an RSA 2048 leaf passes under intermediate', artifacts: rsa(2048)},
    {name: 'an ECDSA P-384 leaf passes under modern', artifacts: leaf({keyBits: 384, curve: 'secp384r1'}), target: profileTarget('modern')},
    {name: 'an RSA 2048 leaf passes under old', artifacts: rsa(2048), target: profileTarget('old')},
    {
      name: 'a SHA-1 self-signed root in the chain is not judged',
      artifacts: {
        TlsCertificate: tlsCert({
          chain: [
            leafCert(),
            intermediateCert(),
            rootCert({keyType: 'rsa', keyBits: 2048, curve: undefined, signatureAlgorithm: 'sha1WithRSAEncryption'}),
          ],
        }),
      },
    },
  ],
  warn: [
    {
      name: 'an RSA leaf is not in the modern profile',
      artifacts: leaf({...RSA_2048, curve: undefined}),
      target: profileTarget('modern'),
      messageIds: ['type-not-in-profile'],
    },
    {
      name: 'an ECDSA leaf is not in the old profile',
      artifacts: {TlsCertificate: tlsCert()},
      target: profileTarget('old'),
      messageIds: ['type-not-in-profile'],
    },
    {
      name: 'an Ed25519 leaf is in no profile',
      artifacts: leaf({keyType: 'ed25519', curve: undefined, signatureAlgorithm: 'ED25519'}),
      messageIds: ['type-not-in-profile'],
    },
    {name: 'a P-521 leaf is not on a profile curve', artifacts: leaf({keyBits: 521, curve: 'secp521r1'}), messageIds: ['curve-not-in-profile']},
  ],
  fail: [
    {name: 'an RSA 1024 leaf fails', artifacts: rsa(1024), messageIds: ['rsa-weak']},
    {name: 'an RSA 2047 leaf fails', artifacts: rsa(2047), messageIds: ['rsa-weak']},
    {
      name: 'an EC key below 256 bits fails, on a curve no profile lists',
      artifacts: leaf({keyBits: 224, curve: 'secp224r1'}),
      messageIds: ['ec-weak', 'curve-not-in-profile'],
    },
    {name: 'a SHA-1 signed leaf fails', artifacts: leaf({signatureAlgorithm: 'ecdsa-with-SHA1'}), messageIds: ['sha1-signature']},
    {name: 'an MD5 signed leaf fails', artifacts: leaf({...RSA_2048, signatureAlgorithm: 'md5WithRSAEncryption'}), messageIds: ['md5-signature']},
    {
      name: 'a SHA-1 signed intermediate fails',
      artifacts: withIntermediate({signatureAlgorithm: 'sha1WithRSAEncryption'}),
      messageIds: ['sha1-signature'],
    },
    {
      name: 'an MD2 signed intermediate fails',
      artifacts: withIntermediate({signatureAlgorithm: 'md2WithRSAEncryption'}),
      messageIds: ['md5-signature'],
    },
  ],
  error: [{name: 'no certificate cannot be judged', artifacts: {TlsCertificate: tlsCert({chain: []})}, messageIds: ['no-certificate']}],
});
