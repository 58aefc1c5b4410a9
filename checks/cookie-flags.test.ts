import check from './cookie-flags.js';
import {hardened, HTTP_TARGET, pages, probeError} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const cookies = (...values: string[]) => ({Pages: pages(hardened({'set-cookie': values}))});
const SAFE = 'Secure; HttpOnly; SameSite=Lax; Path=/';

checkTester.run(check, {
  pass: [
    {name: 'a page that sets no cookies passes', artifacts: {Pages: pages(hardened())}},
    {name: 'a session cookie with every attribute passes', artifacts: cookies(`session=abc; ${SAFE}`)},
    {name: 'attribute names and values are case-insensitive', artifacts: cookies('PHPSESSID=abc; SECURE; httponly; samesite=STRICT')},
    {name: 'a non-session cookie may be readable by script', artifacts: cookies('theme=dark; Secure; SameSite=Lax')},
    {name: 'a CSRF token cookie may be readable by script', artifacts: cookies('XSRF-TOKEN=abc; Secure; SameSite=Strict; Path=/')},
    {name: 'a well-formed __Host- cookie passes', artifacts: cookies(`__Host-sid=abc; ${SAFE}`)},
    {name: 'SameSite=None with Secure is allowed', artifacts: cookies('widget=1; Secure; SameSite=None')},
    {name: 'a header a browser would drop is not judged', artifacts: cookies('=; Path=/')},
    {
      name: 'a custom session pattern replaces the default',
      artifacts: cookies('session=abc; Secure; SameSite=Lax'),
      options: {sessionCookiePattern: '^app_login$'},
    },
    {
      name: 'cookies past the cap are counted, not judged',
      artifacts: cookies(`a=1; ${SAFE}`, `b=1; ${SAFE}`, 'c=1'),
      options: {maxCookiesPerPage: 2},
      messageIds: ['cookies-capped'],
    },
  ],
  warn: [
    {name: 'a cookie without SameSite gets browser-dependent defaults', artifacts: cookies('theme=dark; Secure'), messageIds: ['samesite-missing']},
    {
      name: 'an unknown SameSite value is ignored by browsers',
      artifacts: cookies('theme=dark; Secure; SameSite=Relaxed'),
      messageIds: ['samesite-invalid'],
    },
    {
      name: 'a page answered by a WAF beside a judged one is listed as not judged',
      artifacts: {Pages: pages(hardened(), {path: '/account', error: probeError('waf-challenge')})},
      messageIds: ['page-not-judged'],
      page: '/account',
    },
  ],
  fail: [
    {name: 'a cookie without Secure on an HTTPS site', artifacts: cookies('theme=dark; SameSite=Lax'), messageIds: ['not-secure']},
    {name: 'a session cookie without HttpOnly', artifacts: cookies('connect.sid=abc; Secure; SameSite=Lax'), messageIds: ['session-not-httponly']},
    {
      name: 'a cookie without Secure fails on a plain-HTTP page too, where it travels in clear',
      artifacts: cookies('theme=dark; SameSite=Lax'),
      target: HTTP_TARGET,
      messageIds: ['not-secure'],
    },
    {
      name: 'a session cookie over plain HTTP without Secure or HttpOnly fails on both',
      artifacts: cookies('PHPSESSID=abc; path=/'),
      target: HTTP_TARGET,
      messageIds: ['not-secure', 'session-not-httponly', 'samesite-missing'],
    },
    {
      name: 'SameSite=None without Secure is rejected',
      artifacts: cookies('widget=1; SameSite=None'),
      target: HTTP_TARGET,
      messageIds: ['not-secure', 'samesite-none-insecure'],
    },
    {
      name: 'a __Host- cookie with a Domain is rejected',
      artifacts: cookies(`__Host-sid=abc; ${SAFE}; Domain=example.com`),
      messageIds: ['host-prefix'],
    },
    {
      name: 'a __Host- cookie without Path=/ is rejected',
      artifacts: cookies('__Host-sid=abc; Secure; HttpOnly; SameSite=Lax; Path=/app'),
      messageIds: ['host-prefix'],
    },
    {
      name: 'a __Secure- cookie without Secure is rejected',
      artifacts: cookies('__Secure-pref=1; SameSite=Lax'),
      target: HTTP_TARGET,
      messageIds: ['not-secure', 'secure-prefix'],
    },
    {
      name: 'a second page sets an insecure cookie',
      artifacts: {Pages: pages(hardened(), {path: '/login', response: hardened({'set-cookie': 'sid=abc; SameSite=Lax'})})},
      messageIds: ['not-secure', 'session-not-httponly'],
      page: '/login',
    },
  ],
  error: [
    {
      name: 'no page that could be judged is inconclusive',
      artifacts: {Pages: [{path: '/', url: 'https://app.example.com/', error: probeError('waf-challenge')}]},
      messageIds: ['page-unavailable'],
      page: '/',
    },
    {
      name: 'a redirect to another host sets no cookie, and says nothing of the site it leads to',
      artifacts: {
        Pages: [
          {
            path: '/',
            url: 'https://app.example.com/',
            response: hardened({location: 'https://www.example.com/', 'set-cookie': undefined}, {status: 301}),
            error: probeError('redirected-away'),
          },
        ],
      },
      messageIds: ['page-unavailable'],
      page: '/',
    },
  ],
});
