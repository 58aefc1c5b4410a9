import check from './http-methods.js';
import {answer, methodProbes, probeError} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

/** nginx's answer to TRACE, and to OPTIONS on a static file. */
const NGINX_405 = answer(
  405,
  '<html>\r\n<head><title>405 Not Allowed</title></head>\r\n<body>\r\n<center><h1>405 Not Allowed</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
);
/** What a TRACE-enabled Apache sends back: the request as received. */
const ECHO = answer(
  200,
  'TRACE / HTTP/1.1\r\nuser-agent: shipcheck (+https://github.com/shipcheck/shipcheck)\r\nX-Shipcheck-Trace: 9f2c4e1a7b3d5c60\r\nHost: app.example.com\r\n\r\n',
  {'content-type': 'message/http'},
);
const options = (allow: string, extra: Record<string, string> = {}) => answer(204, '', {allow, ...extra});

checkTester.run(check, {
  pass: [
    {name: 'nginx refuses TRACE and OPTIONS with 405', artifacts: {MethodProbes: methodProbes(NGINX_405, NGINX_405)}},
    {
      name: 'TRACE answered 501 Not Implemented',
      artifacts: {MethodProbes: methodProbes(answer(501, 'Not Implemented'), options('GET, HEAD, OPTIONS'))},
    },
    {
      name: 'TRACE sent to the login page on the same origin is refused',
      artifacts: {MethodProbes: methodProbes(answer(302, '', {location: '/login'}), options('GET, HEAD, OPTIONS'))},
    },
    {name: 'TRACE refused with 403', artifacts: {MethodProbes: methodProbes(answer(403, 'Forbidden'), options('GET, HEAD, POST, OPTIONS'))}},
    {name: 'OPTIONS answered 404 without Allow', artifacts: {MethodProbes: methodProbes(NGINX_405, answer(404, 'Not Found'))}},
    {
      name: 'write methods only in Access-Control-Allow-Methods are a note for the cors check',
      artifacts: {MethodProbes: methodProbes(NGINX_405, answer(204, '', {'access-control-allow-methods': 'GET,HEAD,PUT,PATCH,POST,DELETE'}))},
      messageIds: ['cors-methods'],
    },
  ],
  fail: [
    {
      name: 'TRACE echoes the request headers (Apache with TraceEnable on)',
      artifacts: {MethodProbes: methodProbes(ECHO, NGINX_405)},
      messageIds: ['trace-echo'],
    },
    {
      name: 'an HTTP/2 echo with lower-case header names',
      artifacts: {MethodProbes: methodProbes(answer(200, 'TRACE / HTTP/2\r\nx-shipcheck-trace: 00ff00ff00ff00ff\r\n'), NGINX_405)},
      messageIds: ['trace-echo'],
    },
    {
      name: 'an echo is the verdict even when OPTIONS failed',
      artifacts: {MethodProbes: methodProbes(ECHO, probeError('connection-reset'))},
      messageIds: ['trace-echo'],
    },
  ],
  warn: [
    {
      name: 'TRACE answered 200 without the echo',
      artifacts: {MethodProbes: methodProbes(answer(200, '<!doctype html><title>Shop</title>'), NGINX_405)},
      messageIds: ['trace-enabled'],
    },
    {
      name: 'PUT and DELETE advertised in Allow on /',
      artifacts: {MethodProbes: methodProbes(NGINX_405, options('GET, HEAD, PUT, DELETE, OPTIONS'))},
      messageIds: ['methods-advertised'],
    },
    {
      name: 'WebDAV methods advertised, in lower case and without spaces',
      artifacts: {MethodProbes: methodProbes(NGINX_405, options('options,get,head,propfind,proppatch,mkcol,copy,move,lock,unlock'))},
      messageIds: ['methods-advertised'],
    },
    {
      name: 'Allow on a 405 answer to OPTIONS counts too',
      artifacts: {MethodProbes: methodProbes(NGINX_405, answer(405, '', {allow: 'GET, PATCH'}))},
      messageIds: ['methods-advertised'],
    },
  ],
  error: [
    {name: 'TRACE timed out', artifacts: {MethodProbes: methodProbes(probeError('timeout'), NGINX_405)}, messageIds: ['trace-unavailable']},
    {name: 'TRACE answered 502', artifacts: {MethodProbes: methodProbes(answer(502, 'Bad Gateway'), NGINX_405)}, messageIds: ['trace-unavailable']},
    {
      name: 'TRACE met a Cloudflare challenge',
      artifacts: {MethodProbes: methodProbes(answer(403, '<title>Just a moment...</title>', {'cf-mitigated': 'challenge'}), NGINX_405)},
      messageIds: ['trace-unavailable'],
    },
    {
      name: 'TRACE answered by a redirect to another origin: the method never reached the site there',
      artifacts: {MethodProbes: methodProbes(answer(301, '', {location: 'https://app.example.com:8443/'}), NGINX_405)},
      messageIds: ['trace-unavailable'],
    },
    {
      name: 'OPTIONS answered by a redirect to another host',
      artifacts: {MethodProbes: methodProbes(NGINX_405, answer(301, '', {location: 'https://www.example.com/'}))},
      messageIds: ['options-unavailable'],
    },
    {
      name: 'OPTIONS answered 503',
      artifacts: {MethodProbes: methodProbes(NGINX_405, answer(503, 'Service Unavailable'))},
      messageIds: ['options-unavailable'],
    },
    {
      name: "TRACE answered 429 by a rate limiter, which is not the server's answer to the method",
      artifacts: {MethodProbes: methodProbes(answer(429, 'Too Many Requests', {'retry-after': '30'}), NGINX_405)},
      messageIds: ['trace-unavailable'],
    },
    {
      name: 'OPTIONS answered 429',
      artifacts: {MethodProbes: methodProbes(NGINX_405, answer(429, 'Too Many Requests'))},
      messageIds: ['options-unavailable'],
    },
    {
      name: 'a ModSecurity block page sent with 501 is the WAF refusing, not the server',
      artifacts: {
        MethodProbes: methodProbes(answer(501, '<title>Method Not Implemented</title><p>This error was generated by Mod_Security.</p>'), NGINX_405),
      },
      messageIds: ['trace-unavailable'],
    },
  ],
});
