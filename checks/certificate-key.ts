import {defineCheck, fail, inconclusive, outcome, warn} from '../src/core/check.js';
import type {CertInfo, Finding, KeyType} from '../src/core/types.js';
import {isRoot, MD5_SIGNATURE, NO_CERTIFICATE, SHA1_SIGNATURE} from '../src/lib/tls/cert-chain.js';
import {MOZILLA_PROFILES, type MozillaProfile} from '../src/lib/tls/mozilla.js';

// CA/B Baseline Requirements §6.1.5: RSA moduli of at least 2048 bits, ECDSA on P-256 or larger.
const RSA_MIN_BITS = 2048;
const EC_MIN_BITS = 256;

/** Mozilla's name for each key type its profiles list. */
const PROFILE_TYPE: Partial<Record<KeyType, 'rsa' | 'ecdsa'>> = {rsa: 'rsa', ec: 'ecdsa'};

const messages = {
  'no-certificate': NO_CERTIFICATE,
  'rsa-weak': "The certificate's RSA key is {{bits}} bits, below the {{minimum}}-bit minimum.",
  'ec-weak': "The certificate's EC key is {{bits}} bits, below the {{minimum}}-bit minimum (P-256).",
  'md5-signature':
    'The {{role}} certificate "{{subject}}" is signed with {{algorithm}}; MD5-family signatures can be forged, and clients reject them.',
  'sha1-signature':
    'The {{role}} certificate "{{subject}}" is signed with {{algorithm}}; SHA-1 signatures can be forged, and browsers have rejected them since 2017.',
  'type-not-in-profile': "The certificate has a {{type}} key; Mozilla's {{profile}} profile expects {{allowed}}.",
  'curve-not-in-profile': "The certificate's key is on {{curve}}; Mozilla's {{profile}} profile expects {{allowed}}.",
} as const;
type Id = keyof typeof messages;

function keyFindings(leaf: CertInfo, profile: MozillaProfile, profileName: string): Finding<Id>[] {
  const findings: Finding<Id>[] = [];
  const rsaMinimum = Math.max(RSA_MIN_BITS, profile.rsaKeySize ?? 0);
  if (leaf.keyType === 'rsa' && leaf.keyBits < rsaMinimum) findings.push(fail('rsa-weak', {bits: leaf.keyBits, minimum: rsaMinimum}));
  if (leaf.keyType === 'ec' && leaf.keyBits < EC_MIN_BITS) findings.push(fail('ec-weak', {bits: leaf.keyBits, minimum: EC_MIN_BITS}));
  const type = PROFILE_TYPE[leaf.keyType];
  if (type === undefined || !profile.certificateTypes.includes(type)) {
    findings.push(warn('type-not-in-profile', {type: leaf.keyType, profile: profileName, allowed: profile.certificateTypes.join(', ')}));
  }
  if (leaf.curve !== undefined && !profile.certificateCurves.includes(leaf.curve)) {
    findings.push(warn('curve-not-in-profile', {curve: leaf.curve, profile: profileName, allowed: profile.certificateCurves.join(', ')}));
  }
  return findings;
}

/** Signatures a client verifies: every certificate but a self-signed root, whose signature nobody checks. */
function signatureFindings(chain: readonly CertInfo[]): Finding<Id>[] {
  return chain.flatMap((cert, i): Finding<Id>[] => {
    if (isRoot(cert)) return [];
    const data = {role: i === 0 ? 'leaf' : 'intermediate', subject: cert.subject, algorithm: cert.signatureAlgorithm};
    if (MD5_SIGNATURE.test(cert.signatureAlgorithm)) return [fail('md5-signature', data)];
    if (SHA1_SIGNATURE.test(cert.signatureAlgorithm)) return [fail('sha1-signature', data)];
    return [];
  });
}

export default defineCheck({
  meta: {
    id: 'certificate-key',
    family: 'tls',
    title: 'The certificate has a strong key and signatures',
    failureTitle: 'The certificate has a weak key or signature',
    description:
      "A short key can be factored or solved offline, and a certificate signed with MD5 or SHA-1 can be forged through a hash collision (a rogue CA in 2008, SHAttered in 2017); browsers reject both. Mozilla's profiles also say which key types and curves their clients handle. [CA/B Forum Baseline Requirements](https://cabforum.org/working-groups/server/baseline-requirements/documents/)",
    fixes: {
      generic:
        'Issue a new certificate on an ECDSA P-256 key (or RSA 2048+ for the old profile), signed with SHA-256 or better: `certbot certonly --key-type ecdsa --elliptic-curve secp256r1 -d example.com` or `openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -keyout key.pem -out req.csr`, then serve it.',
      stacks: {
        nginx: '`ssl_certificate` and `ssl_certificate_key`',
        apache: '`SSLCertificateFile` and `SSLCertificateKeyFile`',
        node: "`https.createServer({cert: fs.readFileSync('fullchain.pem'), key: fs.readFileSync('key.pem')})`",
      },
      note: "A SHA-1 intermediate means an outdated chain file: download the CA's current one.",
    },
    severity: 'high',
    cwe: [326, 327],
    owasp: ['A02:2021'],
    requiredArtifacts: ['TlsCertificate'],
    messages,
  },
  defaultOptions: {},
  run({TlsCertificate}, _options, target) {
    const leaf = TlsCertificate.chain[0];
    if (!leaf) return outcome([inconclusive('no-certificate', {host: TlsCertificate.host, port: TlsCertificate.port})]);
    const profile = MOZILLA_PROFILES[target.tlsProfile];
    return outcome([...keyFindings(leaf, profile, target.tlsProfile), ...signatureFindings(TlsCertificate.chain)]);
  },
});
