import {defineCheck, fail, inconclusive, outcome, pass} from '../src/core/check.js';
import {MOZILLA_PROFILES} from '../src/lib/tls/mozilla.js';
import {acceptedSuites, NOTHING_OFFERED, offeredProtocols} from '../src/lib/tls/offer.js';

interface DhParamsOptions {
  /** DHE groups smaller than this many bits fail (the profile's `dh_param_size` raises it, never lowers it). */
  minBits: number;
}

const defaultOptions: DhParamsOptions = {
  // 2048 bits is RFC 7919's smallest named group (ffdhe2048) and NIST's 112-bit security floor (SP 800-57).
  minBits: 2048,
};

/** Below this the group is within reach of a precomputation like Logjam's: 512 bits in minutes, 1024 for a nation state. */
const BROKEN_BELOW = 1024;

export default defineCheck({
  meta: {
    id: 'dh-params',
    family: 'tls',
    title: 'DHE uses a strong group',
    failureTitle: 'DHE uses a weak group',
    description:
      "A finite-field Diffie-Hellman exchange is only as strong as its group: Logjam showed that one precomputation per 512-bit group breaks every connection using it, and 1024-bit groups are within a nation state's reach. The scan records the smallest group offered with a DHE suite. [Logjam / weakdh.org](https://weakdh.org/)",
    fixes: {
      generic:
        "Use a 2048-bit or larger group, e.g. RFC 7919's ffdhe2048 (`curl https://ssl-config.mozilla.org/ffdhe2048.txt > /etc/ssl/ffdhe2048.pem`), or drop the DHE suites and keep ECDHE.",
      stacks: {
        nginx: '`ssl_dhparam /etc/ssl/ffdhe2048.pem;`',
        apache: '(2.4.8+) `SSLOpenSSLConfCmd DHParameters "/etc/ssl/ffdhe2048.pem"`',
        node: "`https.createServer({dhparam: fs.readFileSync('/etc/ssl/ffdhe2048.pem'), …})`",
      },
    },
    severity: 'medium',
    cwe: [326],
    owasp: ['A02:2021'],
    requiredArtifacts: ['TlsScan'],
    messages: {
      'nothing-offered': NOTHING_OFFERED,
      'no-suites': 'The scan found versions offered but no suite accepted on any of them, so whether DHE is used cannot be judged.',
      unmeasured: '{{suite}} is accepted, but the size of its DH group could not be read from the handshake, so it cannot be judged.',
      broken:
        'The DHE group is only {{bits}} bits: an attacker who precomputes once for this group (Logjam) decrypts or downgrades every DHE connection. The minimum is {{minimum}} bits.',
      weak: 'The DHE group is {{bits}} bits, below the {{minimum}}-bit minimum.',
    },
  },
  defaultOptions,
  run({TlsScan}, options, target) {
    // "No DHE suite" is a pass only when suites were seen at all: a server that refuses every hello shows none.
    if (offeredProtocols(TlsScan).length === 0) return outcome([inconclusive('nothing-offered', {host: TlsScan.host, port: TlsScan.port})]);
    const suites = acceptedSuites(TlsScan);
    if (suites.length === 0) return outcome([inconclusive('no-suites')]);
    const bits = TlsScan.dhBits;
    if (bits === undefined) {
      const dhe = suites.find((s) => s.traits.kx === 'DHE');
      return dhe ? outcome([inconclusive('unmeasured', {suite: dhe.name})]) : pass();
    }
    const minimum = Math.max(options.minBits, MOZILLA_PROFILES[target.tlsProfile].dhParamSize ?? 0);
    if (bits < BROKEN_BELOW) return outcome([fail('broken', {bits, minimum})]);
    return outcome(bits < minimum ? [fail('weak', {bits, minimum})] : []);
  },
});
