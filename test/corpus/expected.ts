/**
 * The corpus: real server configurations and, for each, the verdict per check family that a careful
 * security engineer gives it, written down before shipcheck ever ran against it. The yardsticks are
 * MDN Observatory's rules, Mozilla's server-side TLS guidelines (intermediate profile) and the RFCs
 * they cite, never shipcheck's own output. `harness.ts` defines what a family verdict is.
 *
 * Rate-limit and auth are left out: no configuration names an endpoint for them, so they do not apply.
 */

/** The families judged for every configuration. */
export const CORPUS_FAMILIES = ['headers', 'hsts', 'redirect', 'cookies', 'cors', 'tls', 'disclosure', 'exposure'] as const;
export type CorpusFamily = (typeof CORPUS_FAMILIES)[number];

/**
 * A family's verdict. `skipped`: none of its checks applies to the target (TLS of an http:// URL),
 * so there is nothing to judge, good or bad.
 */
export type FamilyVerdict = 'pass' | 'warn' | 'fail' | 'error' | 'skipped';

export interface Expectation {
  /** What runs, in one line. */
  readonly setup: string;
  readonly verdicts: Readonly<Record<CorpusFamily, FamilyVerdict>>;
  /** Why, for every verdict that is not obvious from the setup line. */
  readonly reasons: Readonly<Partial<Record<CorpusFamily, string>>>;
}

const ALL_PASS: Readonly<Record<CorpusFamily, FamilyVerdict>> = {
  headers: 'pass',
  hsts: 'pass',
  redirect: 'pass',
  cookies: 'pass',
  cors: 'pass',
  tls: 'pass',
  disclosure: 'pass',
  exposure: 'pass',
};

/** A site served over plain http:// only: no TLS to judge, no HSTS a browser would keep, no way to HTTPS. */
const PLAIN_HTTP_REASONS = {
  hsts: 'browsers ignore Strict-Transport-Security received over plain HTTP (RFC 6797 §8.1), so an http:// site has none',
  redirect: 'the http:// target serves its page itself instead of redirecting to HTTPS',
  tls: 'nothing at an http:// URL speaks TLS: the missing HTTPS is already the hsts and redirect verdicts',
} as const;

const NO_COOKIE = 'the site sets no cookie: nothing to protect, nothing wrong';

/**
 * Written first as `fail` (Mozilla intermediate drops these suites), revised to `warn` after the
 * first run: the product's policy (the verdicts issue, point 13) makes legacy suites offered beside
 * forward-secret AEAD ones a warning by default, a failure under --preset strict or the modern
 * profile, because the handshake's Finished messages keep an attacker from forcing the weak suite.
 */
const LEGACY_BESIDE_STRONG = 'Revised from fail to warn: legacy suites beside strong ones warn by default (strict and modern fail them).';

export const EXPECTED = {
  'nginx-hardened': {
    setup:
      'nginx 1.22: Mozilla intermediate TLS (ECDHE only), every security header, HSTS preload, __Host- cookie, dot-files denied, port 80 → 301 https',
    verdicts: ALL_PASS,
    reasons: {
      disclosure: 'server_tokens off: error pages say "nginx" without a version, which names nothing to look up',
      exposure: 'nginx refuses TRACE with 405 and OPTIONS on static files; dot-files are denied',
    },
  },
  'nginx-default': {
    setup: 'nginx 1.22 as installed plus a certificate: no headers, default ssl_protocols/ssl_ciphers, server_tokens on, port 80 serves the site',
    verdicts: {...ALL_PASS, headers: 'fail', hsts: 'fail', redirect: 'fail', tls: 'warn', disclosure: 'warn'},
    reasons: {
      redirect: 'port 80 serves the page instead of redirecting to HTTPS',
      cookies: NO_COOKIE,
      tls: `the default ssl_ciphers HIGH:!aNULL:!MD5 accepts static-RSA and CBC suites, which Mozilla intermediate drops, beside forward-secret AEAD suites. ${LEGACY_BESIDE_STRONG}`,
      disclosure: 'default error pages end in "nginx/1.22.1": a version banner, low severity, no stack trace or internals',
    },
  },
  'nginx-plain-http': {
    setup: 'nginx 1.22 scanned at its http:// URL: every header but HSTS set, server_tokens off, no TLS at that URL',
    verdicts: {...ALL_PASS, hsts: 'fail', redirect: 'fail', tls: 'skipped'},
    reasons: {...PLAIN_HTTP_REASONS, headers: 'CSP, nosniff and frame-ancestors/X-Frame-Options work over plain HTTP too', cookies: NO_COOKIE},
  },
  'nginx-downgrade': {
    setup: 'nginx 1.22, Mozilla intermediate TLS, headers at http level, but https:// answers 301 to a plain-HTTP copy of the site; no HSTS',
    verdicts: {...ALL_PASS, hsts: 'fail', redirect: 'fail'},
    reasons: {
      headers: 'the page the visitor lands on (over HTTP) carries every header',
      hsts: 'no Strict-Transport-Security anywhere, and the page it lands on is plain HTTP where it would be ignored',
      redirect: 'the https:// page sends every visitor to http://: a downgrade, whatever port 80 does first',
      cookies: NO_COOKIE,
    },
  },
  'nginx-tls13-only': {
    setup: 'the hardened nginx site with ssl_protocols TLSv1.3 only',
    verdicts: ALL_PASS,
    reasons: {
      tls: "TLS 1.3 only is Mozilla's modern profile, stricter than intermediate: clients without TLS 1.3 cannot connect, a compatibility choice and not a weakness",
    },
  },
  'nginx-legacy-tls': {
    setup: 'the hardened nginx site with TLS 1.0–1.2 and every suite OpenSSL 3 still has (ALL:@SECLEVEL=0), server order',
    verdicts: {...ALL_PASS, tls: 'fail'},
    reasons: {tls: 'TLS 1.0/1.1 (RFC 8996), static RSA, CBC and SHA-1 suites: outside every profile but old'},
  },
  'nginx-cors-reflect': {
    setup: 'the hardened nginx site that echoes any Origin in Access-Control-Allow-Origin with Access-Control-Allow-Credentials: true',
    verdicts: {...ALL_PASS, cors: 'fail'},
    reasons: {cors: "any site the visitor opens can read the responses with the visitor's cookies"},
  },
  'apache-hardened': {
    setup:
      "Apache 2.4 with Mozilla's generated intermediate config (DHE included, HSTS max-age=63072000 alone), CSP default-src 'self' without object-src, headers, ServerTokens Prod, ServerSignature Off, TraceEnable Off, -Indexes, port 80 → 301 https",
    verdicts: ALL_PASS,
    reasons: {
      headers: "object-src falls back to default-src 'self': plugins only from the site's own origin, which Observatory and CSP Evaluator accept",
      hsts: "Mozilla's generator sends max-age=63072000 without includeSubDomains: two years is enough; includeSubDomains is a preload requirement and a note, not a failure (Observatory passes it)",
      tls: "mod_ssl picks a DH group matching the 2048-bit key, so the DHE suites of Mozilla's list use 2048 bits",
      disclosure: 'ServerSignature Off: error pages carry no banner; "Server: Apache" names no version',
      exposure: 'TraceEnable Off answers TRACE with 405; OPTIONS lists GET, POST, OPTIONS, HEAD only',
    },
  },
  'apache-default': {
    setup:
      'Apache 2.4 as Debian ships it with the SSL site on: upstream ServerTokens Full, ServerSignature On, TraceEnable left On, Options Indexes, an uploads/ folder without index, HIGH:!aNULL, port 80 serves',
    verdicts: {...ALL_PASS, headers: 'fail', hsts: 'fail', redirect: 'fail', tls: 'warn', disclosure: 'warn', exposure: 'fail'},
    reasons: {
      redirect: 'port 80 serves the page instead of redirecting to HTTPS',
      cookies: NO_COOKIE,
      tls: `Debian's ssl.conf SSLCipherSuite HIGH:!aNULL accepts static-RSA and CBC suites, which Mozilla intermediate drops, beside forward-secret AEAD suites. ${LEGACY_BESIDE_STRONG}`,
      disclosure: 'ServerSignature On ends error pages with "Apache/2.4.x (Debian) Server at … Port …": a version banner, low severity',
      exposure: 'Options Indexes lists /uploads/, and TRACE (on by default) echoes the request back',
    },
  },
  'apache-expired-cert': {
    setup: 'the hardened Apache site serving a certificate that expired yesterday',
    verdicts: {...ALL_PASS, hsts: 'fail', tls: 'fail'},
    reasons: {
      headers: 'a rejected certificate says nothing about the page: its headers are judged as they are (Observatory re-fetches without verification)',
      hsts: 'browsers ignore HSTS received over a certificate they reject (RFC 6797 §8.1; Observatory: hsts-invalid-cert)',
      redirect: 'port 80 redirects permanently to https on the same host; the certificate is the tls verdict',
      tls: 'the certificate has expired: every client rejects it',
    },
  },
  'caddy-default': {
    setup: 'Caddy 2.6 file_server with a certificate and nothing else; the web root was deployed with git, so .git/ is inside it',
    verdicts: {...ALL_PASS, headers: 'fail', hsts: 'fail', exposure: 'fail'},
    reasons: {
      hsts: 'Caddy sends no Strict-Transport-Security unless told to',
      redirect: "Caddy's automatic HTTPS answers the HTTP port with a permanent redirect to https on the same host",
      cookies: NO_COOKIE,
      tls: "Caddy's defaults: TLS 1.2–1.3, ECDHE AEAD suites only",
      disclosure: 'Caddy answers errors with an empty body; "Server: Caddy" names no version',
      exposure: '/.git/config and /.git/HEAD are served: the whole history can be downloaded',
    },
  },
  'haproxy-node': {
    setup:
      'HAProxy 2.6 terminating TLS (Mozilla intermediate, HSTS added) in front of a Node app that sets CSP, the other headers and a Secure session cookie; port 80 → 301 https',
    verdicts: ALL_PASS,
    reasons: {exposure: 'the app answers TRACE with 405 and OPTIONS with Allow: GET, HEAD'},
  },
  'lighttpd-default': {
    setup: 'lighttpd 1.4.69 with mod_openssl and a certificate, defaults otherwise; port 80 serves the site',
    verdicts: {...ALL_PASS, headers: 'fail', hsts: 'fail', redirect: 'fail'},
    reasons: {
      redirect: 'port 80 serves the page instead of redirecting to HTTPS',
      cookies: NO_COOKIE,
      tls: 'lighttpd ≥ 1.4.68 defaults to MinProtocol TLSv1.2 and CipherString EECDH+AESGCM:AES256+EECDH:CHACHA20:!SHA1:!SHA256:!SHA384 (AEAD, forward secret)',
      disclosure:
        "lighttpd's error pages carry no version (its Server header does: version-disclosure, a warning-level check outside the family verdict)",
      exposure: 'lighttpd does not serve TRACE, and dir-listing is off by default',
    },
  },
  'express-dev': {
    setup: 'Express 5 started with node, NODE_ENV unset, over http://: express-session-like cookie (Path=/; HttpOnly), a JSON API at /api/items',
    verdicts: {...ALL_PASS, headers: 'fail', hsts: 'fail', redirect: 'fail', cookies: 'fail', tls: 'skipped', disclosure: 'fail'},
    reasons: {
      ...PLAIN_HTTP_REASONS,
      cookies: 'the session cookie has no Secure attribute and travels over plain HTTP: anyone on the network takes the session',
      disclosure: "malformed JSON to /api/items: development mode renders body-parser's SyntaxError with its stack trace",
      exposure: 'Express answers TRACE / with 404 (no route) and OPTIONS with Allow: GET, HEAD',
    },
  },
  'express-production': {
    setup:
      'Express 5 over HTTPS, NODE_ENV=production, the headers helmet() sets by default, Mozilla intermediate suites, Secure HttpOnly SameSite cookie, HTTP port → 301 https',
    verdicts: ALL_PASS,
    reasons: {
      hsts: "helmet's max-age=31536000; includeSubDomains (one year, no preload token: the preload rules are notes)",
      disclosure: 'production mode: the malformed-JSON answer is a bare "Bad Request"',
    },
  },
  'django-debug': {
    setup: 'Django 3.2 runserver over http:// with DEBUG=True, startproject-like middleware, a signed-cookie session with default flags',
    verdicts: {...ALL_PASS, headers: 'fail', hsts: 'fail', redirect: 'fail', cookies: 'fail', tls: 'skipped', disclosure: 'fail'},
    reasons: {
      ...PLAIN_HTTP_REASONS,
      headers: 'SecurityMiddleware and XFrameOptionsMiddleware send nosniff and X-Frame-Options, but there is no CSP',
      cookies: 'sessionid has no Secure attribute and travels over plain HTTP',
      disclosure: 'DEBUG=True: the 404 page lists the URLconf patterns and says DEBUG = True',
      exposure: 'the class-based view answers TRACE with 405; OPTIONS lists GET, HEAD, OPTIONS',
    },
  },
  'django-production': {
    setup:
      'the same Django app with DEBUG=False and the deployment checklist (HSTS preload, Secure cookies, proxy SSL header, a CSP middleware) behind nginx with Mozilla intermediate TLS; port 80 → 301 https',
    verdicts: ALL_PASS,
    reasons: {disclosure: "DEBUG=False: Django's plain 404 and 400 pages; nginx with server_tokens off"},
  },
  'flask-debug': {
    setup: 'Flask 2.2 app.run(debug=True) over http://: the home page shows the item picked by ?id=, converted with int()',
    verdicts: {...ALL_PASS, headers: 'fail', hsts: 'fail', redirect: 'fail', tls: 'skipped', disclosure: 'fail'},
    reasons: {
      ...PLAIN_HTTP_REASONS,
      cookies: NO_COOKIE,
      disclosure: "a malformed ?id= raises ValueError: Werkzeug's debugger page with the traceback (and a console that runs code)",
      exposure: "Flask's routing answers TRACE with 405; OPTIONS lists GET, HEAD, OPTIONS",
    },
  },
  'flask-production': {
    setup: 'the same Flask app with debug off, headers set in after_request, behind Caddy 2.6 reverse_proxy (HSTS added, automatic HTTPS redirect)',
    verdicts: ALL_PASS,
    reasons: {
      disclosure:
        'debug off: the ValueError becomes a generic 500 page; Werkzeug in the Server header is version-disclosure, a warning-level check outside the family verdict',
    },
  },
  'php-display-errors': {
    setup: 'PHP 8.2 built-in server over http:// (no php.ini), display_errors=1, E_ALL: index.php starts a session and shows the item picked by ?id=',
    verdicts: {...ALL_PASS, headers: 'fail', hsts: 'fail', redirect: 'fail', cookies: 'fail', tls: 'skipped', disclosure: 'fail', exposure: 'warn'},
    reasons: {
      ...PLAIN_HTTP_REASONS,
      cookies: "PHPSESSID without Secure (over plain HTTP) and without HttpOnly: PHP's built-in session defaults",
      disclosure: 'an unknown ?id= prints "Warning: Undefined array key … in /…/index.php on line N": the file layout',
      exposure:
        'the built-in server runs index.php for TRACE too: 200 without echoing the request, so no Cross-Site Tracing, but the method is not refused',
    },
  },
  'node-cors-wildcard': {
    setup:
      'a Node https API (Mozilla intermediate suites, every header, HSTS) answering Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true; nothing on port 80',
    verdicts: {...ALL_PASS, cors: 'warn'},
    reasons: {
      redirect: 'nothing listens for plain HTTP, so no page is ever served over it (Observatory: redirection not needed)',
      cookies: NO_COOKIE,
      cors: 'browsers refuse a credentialed read when the origin is *, so nothing leaks, but the pair shows credentialed cross-site reads were meant to work',
      exposure:
        'TRACE gets 405; the preflight answer lists write methods in Access-Control-Allow-Methods, which is the cors verdict, not an Allow header',
    },
  },
} as const satisfies Record<string, Expectation>;

export type ConfigName = keyof typeof EXPECTED;
