import check from './exposed-files.js';
import {answer, exposedPaths, probeError} from '../test/helpers/artifacts.js';
import {checkTester, type CheckCase} from '../test/helpers/check-tester.js';
import {EXPOSED_FILES, LISTING_PATHS} from '../src/lib/exposed-files.js';
import type {HttpResponse, ProbeError} from '../src/core/types.js';

const PATHS = [...EXPOSED_FILES.map((f) => f.path), ...LISTING_PATHS];

const paths = (answers: Record<string, HttpResponse | ProbeError> = {}, canary?: HttpResponse | ProbeError) => ({
  ExposedPaths: exposedPaths(PATHS, answers, canary),
});

/** An SPA's index.html: each answer carries its own nonce, as server-rendered shells do. */
const spa = (nonce: string, extra = '') =>
  answer(
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><script nonce="${nonce}">window.__CONFIG__={"api":"/api"}</script><script type="module" src="/assets/index-4f2a91c3.js"></script></head><body><div id="root"></div>${extra}<noscript>This shop needs JavaScript.</noscript></body></html>`,
    {'content-type': 'text/html'},
  );
/** The same shell on every path, the nonce changing each time. */
const spaEverywhere = (extra = '') => Object.fromEntries(PATHS.map((p, i) => [p, spa(`n0nce${i}x7q`, extra)]));
/** A docs SPA whose shell shows a sample .env: it matches the .env signature on every path. */
const SAMPLE_ENV = '<pre>\nDB_PASSWORD=change-me\nAPP_KEY=\n</pre>';

const file = (path: string) => EXPOSED_FILES.find((f) => f.path === path)!;
const leaked = (path: string) => answer(200, file(path).example, {'content-type': 'text/plain'});

/** What an apex that sends everything to www answers to every path: nothing there was asked. */
const toWww = answer(301, '', {location: 'https://www.example.com/'});
/** Every path (the canary included) answered with that redirect. */
const redirectedEverywhere = () => paths(Object.fromEntries(PATHS.map((p) => [p, toWww])), toWww);

const examples = (kind: 'fail' | 'warn'): CheckCase[] =>
  EXPOSED_FILES.filter((f) => (f.severity === 'low') === (kind === 'warn')).map((f) => ({
    name: `${f.path} serving ${f.name}`,
    artifacts: paths({[f.path]: leaked(f.path)}),
    messageIds: ['exposed'],
  }));

checkTester.run(check, {
  pass: [
    {name: 'every path answers 404', artifacts: paths()},
    {
      name: 'every path sent to the login page on the same origin',
      artifacts: paths(Object.fromEntries(PATHS.map((p) => [p, answer(302, '', {location: '/login'})])), answer(302, '', {location: '/login'})),
    },
    {
      name: 'an SPA that answers every path with its shell exposes nothing, and says only signatures were trusted',
      artifacts: paths(spaEverywhere(), spa('c4n4ry')),
      messageIds: ['catch-all'],
    },
    {
      name: 'a docs SPA whose shell shows a sample .env is the same page at /.env',
      artifacts: paths(spaEverywhere(SAMPLE_ENV), spa('c4n4ry', SAMPLE_ENV)),
      messageIds: ['catch-all'],
    },
    {
      name: 'a soft 404 that echoes the requested path is the miss answer',
      artifacts: paths(
        {'/backup.sql': answer(200, '<h1>Not found</h1><p>/backup.sql does not exist.</p><pre>\nCREATE TABLE example (id int);\n</pre>')},
        answer(200, '<h1>Not found</h1><p>/shipcheck-canary-0123456789abcdef does not exist.</p><pre>\nCREATE TABLE example (id int);\n</pre>'),
      ),
      messageIds: ['catch-all'],
    },
    {
      name: 'dot files refused with 403 by a deny rule',
      artifacts: paths({'/.env': answer(403, 'Forbidden'), '/.git/config': answer(403, 'Forbidden')}),
    },
    {name: 'a .env redirected to the login page', artifacts: paths({'/.env': answer(302, '', {location: '/login'})})},
    {name: 'a 200 without the content of the file', artifacts: paths({'/backup.zip': answer(200, '<h1>Backups</h1><p>Ask IT for a restore.</p>')})},
    {
      name: 'a 401 everywhere (staging behind Basic auth)',
      artifacts: paths(Object.fromEntries(PATHS.map((p) => [p, answer(401, 'Unauthorized')])), answer(401, 'Unauthorized')),
    },
  ],
  fail: [
    {
      name: 'a leak in a body cut by a reset counts',
      artifacts: paths({'/.env': {...leaked('/.env'), bodyTruncated: true, bodyCut: 'the connection was reset after 40 bytes of the body'}}),
      messageIds: ['exposed'],
    },
    ...examples('fail'),
    {
      name: 'a real .env behind an SPA fallback is still found',
      artifacts: paths({...spaEverywhere(), '/.env': leaked('/.env')}, spa('c4n4ry')),
      messageIds: ['exposed', 'catch-all'],
    },
    {
      name: 'a leak is the verdict even when another path could not be fetched',
      artifacts: paths({'/.git/config': leaked('/.git/config'), '/.env': probeError('timeout')}),
      messageIds: ['exposed'],
    },
    {
      name: 'a real .env on a site whose catch-all page shows a sample .env is still found',
      artifacts: paths({...spaEverywhere(SAMPLE_ENV), '/.env': leaked('/.env')}, spa('c4n4ry', SAMPLE_ENV)),
      messageIds: ['exposed', 'catch-all'],
    },
  ],
  warn: examples('warn'),
  error: [
    {name: 'a canary that timed out', artifacts: paths({}, probeError('timeout')), messageIds: ['canary-unavailable']},
    {name: 'a canary answered with 503', artifacts: paths({}, answer(503, 'Service Unavailable')), messageIds: ['canary-unavailable']},
    {
      name: 'a canary rate limited with 429 and Retry-After',
      artifacts: paths({}, answer(429, 'Too Many Requests', {'retry-after': '60'})),
      messageIds: ['canary-unavailable'],
    },
    {
      name: 'a canary answered with a Cloudflare challenge',
      artifacts: paths({}, answer(403, '<title>Just a moment...</title>', {'cf-mitigated': 'challenge'})),
      messageIds: ['canary-unavailable'],
    },
    {name: 'a path answered with 502 and nothing found', artifacts: paths({'/.env': answer(502, 'Bad Gateway')}), messageIds: ['path-unavailable']},
    {name: 'every path, canary included, redirected to another origin', artifacts: redirectedEverywhere(), messageIds: ['canary-unavailable']},
    {
      name: 'a path redirected to another origin, the canary a plain 404',
      artifacts: paths({'/.env': toWww}),
      messageIds: ['path-unavailable'],
    },
    {
      name: 'a path whose body was cut by a reset before anything showed',
      artifacts: paths({
        '/.env': {...answer(200, '# settings\n'), bodyTruncated: true, bodyCut: 'the connection was reset after 11 bytes of the body'},
      }),
      messageIds: ['path-unavailable'],
    },
    {name: 'a path rate limited with 429', artifacts: paths({'/id_rsa': answer(429, 'Too Many Requests')}), messageIds: ['path-unavailable']},
    {
      name: 'a low-severity leak does not settle the paths that could not be fetched',
      artifacts: paths({'/.DS_Store': leaked('/.DS_Store'), '/.env': probeError('connection-reset')}),
      messageIds: ['exposed', 'path-unavailable'],
    },
  ],
});
