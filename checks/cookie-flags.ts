import {defineCheck, fail, info, outcome, warn} from '../src/core/check.js';
import type {Finding} from '../src/core/types.js';
import {parseSetCookie, SESSION_COOKIE_PATTERN, type SetCookie} from '../src/lib/cookies.js';
import {headerValues} from '../src/lib/headers.js';
import {judgePages, PAGE_MESSAGES} from '../src/core/pages.js';

interface CookieFlagsOptions {
  /** Regex source, matched case-insensitively, for names of cookies that must be HttpOnly. */
  sessionCookiePattern: string;
  /** Cookies judged per page; the rest are counted, so a hostile page cannot flood the report. */
  maxCookiesPerPage: number;
}

const defaultOptions: CookieFlagsOptions = {
  sessionCookiePattern: SESSION_COOKIE_PATTERN,
  // RFC 6265 §6.1 asks browsers to store at least 50 cookies per domain: more in one response is not a real app's.
  maxCookiesPerPage: 50,
};

/** The __Host- prefix promises a cookie only its exact host, over HTTPS, can have set (RFC 6265bis §4.1.3.2). */
function hostPrefixProblems(cookie: SetCookie): string[] {
  const problems: string[] = [];
  if (!cookie.secure) problems.push('lacks Secure');
  if (cookie.domain !== undefined) problems.push('sets Domain');
  if (cookie.path !== '/') problems.push('lacks Path=/');
  return problems;
}

function judgeCookie(cookie: SetCookie, session: RegExp): Finding<Id>[] {
  const data = {name: cookie.name};
  const findings: Finding<Id>[] = [];
  // Without Secure the browser sends the cookie over plain HTTP: a failure on any page, and most of
  // all on a page that is itself served over plain HTTP (Observatory: cookies-without-secure-flag).
  if (!cookie.secure) findings.push(fail('not-secure', data));
  if (!cookie.httpOnly && session.test(cookie.name)) findings.push(fail('session-not-httponly', data));
  if (cookie.sameSite === 'None' && !cookie.secure) findings.push(fail('samesite-none-insecure', data));
  else if (cookie.invalidSameSite !== undefined) {
    findings.push(warn('samesite-invalid', {...data, value: cookie.invalidSameSite}));
  } else if (cookie.sameSite === undefined) findings.push(warn('samesite-missing', data));
  const lowerName = cookie.name.toLowerCase();
  if (lowerName.startsWith('__host-')) {
    const problems = hostPrefixProblems(cookie);
    if (problems.length > 0) findings.push(fail('host-prefix', {...data, problems: problems.join(' and ')}));
  } else if (lowerName.startsWith('__secure-') && !cookie.secure) findings.push(fail('secure-prefix', data));
  return findings;
}

const messages = {
  'not-secure': 'Cookie "{{name}}" has no Secure attribute, so the browser also sends it over plain HTTP.',
  'session-not-httponly': 'Cookie "{{name}}" looks like a session or credential but has no HttpOnly attribute, so any injected script can read it.',
  'samesite-missing':
    'Cookie "{{name}}" has no SameSite attribute; Chromium then treats it as Lax (yet still sends it on cross-site POSTs for its first 2 minutes), Firefox and Safari send it cross-site.',
  'samesite-invalid': 'Cookie "{{name}}" has SameSite={{value}}, which browsers ignore; use Strict, Lax or None.',
  'samesite-none-insecure': 'Cookie "{{name}}" has SameSite=None without Secure; browsers reject it.',
  'host-prefix': 'Cookie "{{name}}" has the __Host- prefix but {{problems}}; browsers reject it.',
  'secure-prefix': 'Cookie "{{name}}" has the __Secure- prefix but no Secure attribute; browsers reject it.',
  'cookies-capped': 'The page sets {{total}} cookies; only the first {{judged}} were judged.',
  ...PAGE_MESSAGES,
} as const;
type Id = keyof typeof messages;

export default defineCheck({
  meta: {
    id: 'cookie-flags',
    family: 'cookies',
    title: 'Cookies are set with safe attributes',
    failureTitle: 'Cookies are set without safe attributes',
    description:
      'A cookie without `Secure` is also sent over plain HTTP, a session cookie without `HttpOnly` can be read by any injected script, and `SameSite` decides whether other sites can make the browser send it. [MDN](https://developer.mozilla.org/docs/Web/HTTP/Headers/Set-Cookie)',
    fixes: {
      generic: 'Set `Secure`, `SameSite=Lax` (or `Strict`) on every cookie and `HttpOnly` on every session or token cookie.',
      stacks: {
        nginx: '(proxying, 1.19.3+) `proxy_cookie_flags ~ secure httponly samesite=lax;`',
        apache: '`Header always edit Set-Cookie ^(.*)$ "$1; Secure; HttpOnly; SameSite=Lax"`',
        express: "`app.use(session({cookie: {secure: true, httpOnly: true, sameSite: 'lax'}}))`",
      },
      note: 'Leave `HttpOnly` off only for cookies script must read, such as a CSRF token.',
    },
    severity: 'medium',
    cwe: [614, 1004, 1275],
    owasp: ['A05:2021', 'A01:2021'],
    requiredArtifacts: ['Pages'],
    messages,
  },
  defaultOptions,
  run({Pages}, options) {
    const session = new RegExp(options.sessionCookiePattern, 'i');
    return outcome(
      judgePages(Pages, (response) => {
        const headers = headerValues(response, 'set-cookie');
        const findings = headers.slice(0, options.maxCookiesPerPage).flatMap((header) => {
          const cookie = parseSetCookie(header);
          return cookie ? judgeCookie(cookie, session) : [];
        });
        if (headers.length > options.maxCookiesPerPage) {
          findings.push(info('cookies-capped', {total: headers.length, judged: options.maxCookiesPerPage}));
        }
        return findings;
      }),
    );
  },
});
