import check from './error-disclosure.js';
import {answer, errorPages, hardened, pages, probeError} from '../test/helpers/artifacts.js';
import {checkTester, type CheckCase} from '../test/helpers/check-tester.js';
import {ERROR_SIGNATURES} from '../src/lib/error-signatures.js';

const html = {'content-type': 'text/html; charset=utf-8'};
/** The pages the other checks fetched: the hardened target page, which reveals nothing. */
const PAGES = pages(hardened());

/** Every provocation answered cleanly except the unsupported method, answered with `body`. */
const badMethod = (status: number, body: string) => ({ErrorPages: errorPages({'bad-method': answer(status, body, html)}), Pages: PAGES});

const examples = (kinds: readonly string[], status: number, messageId: string): CheckCase[] =>
  ERROR_SIGNATURES.filter((s) => kinds.includes(s.kind)).map((s) => ({
    name: `a ${s.kind} (${s.name}) answered with ${status} is reported`,
    artifacts: badMethod(status, s.example),
    messageIds: [messageId],
    page: '/',
  }));

/** Express 5.3.0 with NODE_ENV unset, answering malformed JSON (captured, paths shortened). */
const EXPRESS_DEV_400 =
  '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>SyntaxError: Unexpected end of JSON input<br> &nbsp; &nbsp;at JSON.parse (&lt;anonymous&gt;)<br> &nbsp; &nbsp;at parse (/srv/app/node_modules/body-parser/lib/types/json.js:93:21)</pre>\n</body>\n</html>\n';

/** PHP 8.2's built-in server with display_errors=1: the page still answers 200. */
const PHP_WARNING =
  '<h1>Items</h1>\n<br />\n<b>Warning</b>:  Undefined array key "missing" in <b>/var/www/html/index.php</b> on line <b>4</b><br />\n<p>done</p>\n';

/** Flask 3 with debug on, an exception in a view (werkzeug/debug/tbtools.py, rendered; shortened). */
const WERKZEUG_500 =
  '<!doctype html>\n<html lang=en>\n  <head>\n    <title>ZeroDivisionError: division by zero\n // Werkzeug Debugger</title>\n    <link rel="stylesheet" href="?__debugger__=yes&amp;cmd=resource&amp;f=style.css">';

/** The console page Werkzeug serves at /console while the debugger is on. */
const WERKZEUG_CONSOLE =
  '<!doctype html>\n<html lang=en>\n  <head>\n    <title>Console // Werkzeug Debugger</title>\n    <link rel="stylesheet" href="?__debugger__=yes&amp;cmd=resource&amp;f=style.css">';

/** Django 4.2 with DEBUG = True, an exception in a view (the summary table of the technical 500 page). */
const DJANGO_500 = '<table class="meta">\n    <tr>\n      <th>Django Version:</th>\n      <td>4.2.11</td>\n    </tr>';

/** PHP 8.2 with display_errors=1, a fatal error (the page still answers 200 from the built-in server). */
const PHP_FATAL =
  '<br />\n<b>Fatal error</b>:  Uncaught Error: Call to undefined function cart_total() in /var/www/html/cart.php:7\nStack trace:\n#0 {main}\n  thrown in <b>/var/www/html/cart.php</b> on line <b>7</b><br />';

const PROVOCATION_NAMES = ['not-found', 'bad-method', 'malformed-query', 'long-path', 'malformed-json'] as const;

checkTester.run(check, {
  pass: [
    {name: 'plain error pages for every provocation reveal nothing', artifacts: {ErrorPages: errorPages(), Pages: PAGES}},
    {
      name: 'every provocation sent to / on the same origin is the application answering',
      artifacts: {ErrorPages: errorPages(Object.fromEntries(PROVOCATION_NAMES.map((p) => [p, answer(302, '', {location: '/'})]))), Pages: PAGES},
    },
    {
      name: 'a generic 500 page reveals nothing',
      artifacts: badMethod(500, '<!doctype html><title>Server Error (500)</title><h1>Server Error (500)</h1><p></p>'),
    },
    {
      name: "Express's production error page reveals nothing",
      artifacts: badMethod(500, '<!DOCTYPE html>\n<html lang="en">\n<body>\n<pre>Internal Server Error</pre>\n</body>\n</html>\n'),
    },
    {
      name: 'a link to /home/ on an error page is not a server path',
      artifacts: badMethod(404, '<h1>Not found</h1><p><a href="/home/">Back home</a> or <a href="/srv/status">status</a></p>'),
    },
    {
      name: 'a sentence with "at" and a time is not a stack trace',
      artifacts: badMethod(404, '<p>Our support desk is open at 9:30 (Monday to Friday) at /contact.</p>'),
    },
    {
      name: "ASP.NET's remote-only Runtime Error page hides the details",
      artifacts: badMethod(
        500,
        "<span><H1>Server Error in '/' Application.<hr width=100% size=1 color=silver></H1>\n\n<h2> <i>Runtime Error</i> </h2></span>\n<b> Description: </b>An application error occurred on the server. The current custom error settings for this application prevent the details of the application error from being viewed remotely (for security reasons).",
      ),
    },
    {
      name: 'a Spring Whitelabel page without a trace names only Spring',
      artifacts: badMethod(
        405,
        "<html><body><h1>Whitelabel Error Page</h1><p>This application has no explicit mapping for /error, so you are seeing this as a fallback.</p><div id='created'>Tue Oct 29 22:05:32 KST 2024</div><div>There was an unexpected error (type=Method Not Allowed, status=405).</div></body></html>",
      ),
    },
    {
      name: 'an Apache signature without a version is fine',
      artifacts: badMethod(404, '<hr>\n<address>Apache Server at app.example.com Port 443</address>\n'),
    },
    {
      name: 'a debug console that is not there (404) passes',
      artifacts: {
        ErrorPages: [
          ...errorPages(),
          {provocation: 'debug-console', method: 'GET', path: '/console', response: answer(404, '<h1>Not Found</h1>', html)},
        ],
        Pages: PAGES,
      },
    },
    {
      name: 'a maintenance 503 on a named page, without a leak, is not a disclosure',
      artifacts: {
        ErrorPages: errorPages(),
        Pages: pages(hardened(), {path: '/shop', response: answer(503, '<h1>Back soon</h1>', html), error: probeError('http-5xx')}),
      },
    },
    {name: 'a stack trace after the first 64 KiB is not read', artifacts: badMethod(500, `${' '.repeat(65_536)}Traceback (most recent call last):`)},
  ],
  fail: [
    ...examples(['debug-page', 'stack-trace', 'sql-error', 'internal-path'], 500, 'disclosed'),
    {
      name: "Express's development page answering malformed JSON is reported on the API path",
      artifacts: {ErrorPages: errorPages({'malformed-json': answer(400, EXPRESS_DEV_400, html)}), Pages: PAGES},
      messageIds: ['disclosed'],
      page: '/api/items',
    },
    {
      name: 'a PHP warning served with 200 is a disclosure and an error with a success status',
      artifacts: {ErrorPages: errorPages({'malformed-query': answer(200, PHP_WARNING, html)}), Pages: PAGES},
      messageIds: ['disclosed', 'error-with-200'],
      page: '/?id=%27&q=%22%27&x[]=1&x=2&%E0%A4%A=%',
    },
    {
      name: "Werkzeug's debugger in a body cut by a reset counts",
      artifacts: {
        ErrorPages: errorPages({
          'bad-method': {...answer(500, WERKZEUG_500, html), bodyTruncated: true, bodyCut: 'the connection was reset after 230 bytes of the body'},
        }),
        Pages: PAGES,
      },
      messageIds: ['disclosed'],
    },
    {
      name: 'a trace on the overlong path is reported under the shortened path',
      artifacts: {ErrorPages: errorPages({'long-path': answer(500, 'Traceback (most recent call last):', html)}), Pages: PAGES},
      messageIds: ['disclosed'],
      page: `/shipcheck-${'a'.repeat(68)}… (4097 characters)`,
    },
    {
      name: 'a disclosure is a failure even when another request went unanswered',
      artifacts: {
        ErrorPages: errorPages({'not-found': probeError('connection-reset'), 'malformed-json': answer(400, EXPRESS_DEV_400, html)}),
        Pages: PAGES,
      },
      messageIds: ['probe-not-judged', 'disclosed'],
    },
    {
      name: 'a Werkzeug traceback on a page named with --path fails, though it answered 500',
      artifacts: {
        ErrorPages: errorPages(),
        Pages: pages(hardened(), {path: '/report', response: answer(500, WERKZEUG_500, html), error: probeError('http-5xx')}),
      },
      messageIds: ['disclosed'],
      page: '/report',
    },
    {
      name: "Django's technical 500 page on the target page itself fails",
      artifacts: {ErrorPages: errorPages(), Pages: pages(answer(500, DJANGO_500, html))},
      messageIds: ['disclosed'],
      page: '/',
    },
    {
      name: 'a PHP fatal error on a named page served with 200 fails',
      artifacts: {ErrorPages: errorPages(), Pages: pages(hardened(), {path: '/cart.php', response: answer(200, PHP_FATAL, html)})},
      messageIds: ['disclosed', 'error-with-200'],
      page: '/cart.php',
    },
    {
      name: "Werkzeug's interactive console left open fails",
      artifacts: {
        ErrorPages: [...errorPages(), {provocation: 'debug-console', method: 'GET', path: '/console', response: answer(200, WERKZEUG_CONSOLE, html)}],
        Pages: PAGES,
      },
      messageIds: ['disclosed', 'error-with-200'],
      page: '/console',
    },
    {
      name: 'a version banner beside a trace still fails',
      artifacts: badMethod(500, '<pre>goroutine 1 [running]:</pre><hr><center>nginx/1.22.1</center>'),
      messageIds: ['disclosed', 'version-banner'],
    },
  ],
  warn: [
    ...examples(['version-banner'], 404, 'version-banner'),
    {
      name: 'a request that timed out is listed as not judged beside the answers that were',
      artifacts: {ErrorPages: errorPages({'not-found': probeError('timeout')}), Pages: PAGES},
      messageIds: ['probe-not-judged'],
      page: '/shipcheck-<random>',
    },
    {
      name: 'a WAF challenge instead of one answer is listed as not judged',
      artifacts: {ErrorPages: errorPages({'malformed-query': probeError('waf-challenge')}), Pages: PAGES},
      messageIds: ['probe-not-judged'],
    },
    {
      name: "nginx's version on its 404 page",
      artifacts: {
        ErrorPages: errorPages({
          'not-found': answer(
            404,
            '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n',
            html,
          ),
        }),
        Pages: PAGES,
      },
      messageIds: ['version-banner'],
      page: '/shipcheck-<random>',
    },
  ],
  error: [
    {
      name: '503 everywhere is a maintenance page, not the application: inconclusive, never a pass',
      artifacts: {
        ErrorPages: errorPages(Object.fromEntries(PROVOCATION_NAMES.map((p) => [p, answer(503, '<h1>Down for maintenance</h1>', html)]))),
        Pages: PAGES,
      },
      messageIds: ['probe-unavailable'],
    },
    {
      name: 'every provocation answered with a body cut by a reset before anything showed',
      artifacts: {
        ErrorPages: errorPages(
          Object.fromEntries(
            PROVOCATION_NAMES.map((p) => [
              p,
              {...answer(500, '<h1>Error</h1>', html), bodyTruncated: true, bodyCut: 'the connection was reset after 14 bytes of the body'},
            ]),
          ),
        ),
        Pages: PAGES,
      },
      messageIds: ['probe-unavailable'],
    },
    {
      name: "Cloudflare's 522 (origin timed out) everywhere is the CDN's page, not the application",
      artifacts: {
        ErrorPages: errorPages(
          Object.fromEntries(PROVOCATION_NAMES.map((p) => [p, answer(522, '<title>example.com | 522: Connection timed out</title>', html)])),
        ),
        Pages: PAGES,
      },
      messageIds: ['probe-unavailable'],
    },
    {
      name: 'a 429 for every provocation is the limiter, not the error handling',
      artifacts: {
        ErrorPages: PROVOCATION_NAMES.map((p) => ({
          ...errorPages()[PROVOCATION_NAMES.indexOf(p)]!,
          response: answer(429, 'Too Many Requests', html),
          error: probeError('rate-limited'),
        })),
        Pages: PAGES,
      },
      messageIds: ['probe-unavailable'],
    },
    {
      name: 'a redirect to another origin for every provocation (http:// sent to https://) never reached the application',
      artifacts: {
        ErrorPages: PROVOCATION_NAMES.map((p) => ({
          ...errorPages()[PROVOCATION_NAMES.indexOf(p)]!,
          response: answer(301, '', {location: 'https://app.example.com/'}),
          error: probeError('redirected-away'),
        })),
        Pages: PAGES,
      },
      messageIds: ['probe-unavailable'],
    },
  ],
});
