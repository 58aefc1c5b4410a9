import check from './error-disclosure.js';
import {answer, errorPages, probeError} from '../test/helpers/artifacts.js';
import {checkTester, type CheckCase} from '../test/helpers/check-tester.js';
import {ERROR_SIGNATURES} from '../src/lib/error-signatures.js';

const html = {'content-type': 'text/html; charset=utf-8'};

/** Every provocation answered cleanly except the unsupported method, answered with `body`. */
const badMethod = (status: number, body: string) => ({ErrorPages: errorPages({'bad-method': answer(status, body, html)})});

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

checkTester.run(check, {
  pass: [
    {name: 'plain error pages for every provocation reveal nothing', artifacts: {ErrorPages: errorPages()}},
    {name: 'a generic 500 page reveals nothing', artifacts: badMethod(500, '<!doctype html><title>Server Error (500)</title><h1>Server Error (500)</h1><p></p>')},
    {name: "Express's production error page reveals nothing", artifacts: badMethod(500, '<!DOCTYPE html>\n<html lang="en">\n<body>\n<pre>Internal Server Error</pre>\n</body>\n</html>\n')},
    {name: 'a link to /home/ on an error page is not a server path', artifacts: badMethod(404, '<h1>Not found</h1><p><a href="/home/">Back home</a> or <a href="/srv/status">status</a></p>')},
    {name: 'a sentence with "at" and a time is not a stack trace', artifacts: badMethod(404, '<p>Our support desk is open at 9:30 (Monday to Friday) at /contact.</p>')},
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
    {name: 'an Apache signature without a version is fine', artifacts: badMethod(404, '<hr>\n<address>Apache Server at app.example.com Port 443</address>\n')},
    {name: 'a stack trace after the first 64 KiB is not read', artifacts: badMethod(500, `${' '.repeat(65_536)}Traceback (most recent call last):`)},
  ],
  fail: [
    ...examples(['debug-page', 'stack-trace', 'sql-error', 'internal-path'], 500, 'disclosed'),
    {
      name: "Express's development page answering malformed JSON is reported on the API path",
      artifacts: {ErrorPages: errorPages({'malformed-json': answer(400, EXPRESS_DEV_400, html)})},
      messageIds: ['disclosed'],
      page: '/api/items',
    },
    {
      name: 'a PHP warning served with 200 is a disclosure and an error with a success status',
      artifacts: {ErrorPages: errorPages({'malformed-query': answer(200, PHP_WARNING, html)})},
      messageIds: ['disclosed', 'error-with-200'],
      page: '/?id=%27&q=%22%27&x[]=1&x=2&%E0%A4%A=%',
    },
    {
      name: 'a trace on the overlong path is reported under the shortened path',
      artifacts: {ErrorPages: errorPages({'long-path': answer(500, 'Traceback (most recent call last):', html)})},
      messageIds: ['disclosed'],
      page: `/shipcheck-${'a'.repeat(68)}… (4097 characters)`,
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
      name: "nginx's version on its 404 page",
      artifacts: {
        ErrorPages: errorPages({
          'not-found': answer(404, '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n', html),
        }),
      },
      messageIds: ['version-banner'],
      page: '/shipcheck-0123456789abcdef',
    },
  ],
  error: [
    {
      name: 'a request that timed out is inconclusive',
      artifacts: {ErrorPages: errorPages({'not-found': probeError('timeout')})},
      messageIds: ['probe-unavailable'],
      page: '/shipcheck-0123456789abcdef',
    },
    {
      name: 'a WAF challenge instead of the answer is inconclusive',
      artifacts: {ErrorPages: errorPages({'malformed-query': probeError('waf-challenge')})},
      messageIds: ['probe-unavailable'],
    },
    {
      name: 'an inconclusive request outranks a disclosure elsewhere',
      artifacts: {ErrorPages: errorPages({'not-found': probeError('connection-reset'), 'malformed-json': answer(400, EXPRESS_DEV_400, html)})},
      messageIds: ['probe-unavailable', 'disclosed'],
    },
  ],
});
