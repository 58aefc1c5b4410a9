import check from './version-disclosure.js';
import {answer, hardened, pages, probeError, TARGET} from '../test/helpers/artifacts.js';
import {checkTester, type CheckCase} from '../test/helpers/check-tester.js';
import {INTERNAL_HOST_HEADERS, SOFTWARE_HEADERS} from '../src/lib/disclosure-headers.js';

/** The hardened baseline sends `Server: nginx`; these cases take it out unless they are about it. */
const withHeaders = (headers: Record<string, string | string[]>) => ({Pages: pages(hardened({server: undefined, ...headers}))});

const versioned: CheckCase[] = SOFTWARE_HEADERS.flatMap(({header, names, versioned: value}) =>
  value === undefined
    ? []
    : [{name: `${header}: ${value} names ${names} with a version`, artifacts: withHeaders({[header]: value}), messageIds: ['version-disclosed']}],
);
const bare: CheckCase[] = SOFTWARE_HEADERS.flatMap(({header, names, bare: value}) =>
  value === undefined
    ? []
    : [{name: `${header}: ${value} names ${names} only`, artifacts: withHeaders({[header]: value}), messageIds: ['product-named']}],
);

checkTester.run(check, {
  pass: [
    {name: 'no header names software', artifacts: withHeaders({})},
    {name: 'the hardened baseline names only nginx, which is noted', artifacts: {Pages: pages(hardened())}, messageIds: ['product-named']},
    ...bare,
    {name: 'an opaque id beside a CDN name is not a version', artifacts: withHeaders({server: 'ECS (dcb/7F84)'}), messageIds: ['product-named']},
    {name: 'a Via without a comment names no software', artifacts: withHeaders({via: '1.1 proxy.example'})},
    {
      name: 'the protocol version in Via is not a software version',
      artifacts: withHeaders({via: 'HTTP/1.1 proxy.example (Squid)'}),
      messageIds: ['product-named'],
    },
    {name: 'an empty X-Powered-By names nothing', artifacts: withHeaders({'x-powered-by': ''})},
  ],
  warn: [
    ...versioned,
    ...INTERNAL_HOST_HEADERS.map(({header, example}) => ({
      name: `${header}: ${example} names an internal host`,
      artifacts: withHeaders({[header]: example}),
      messageIds: ['internal-host'],
    })),
    {name: 'an nginx version in Server', artifacts: withHeaders({server: 'nginx/1.22.1'}), messageIds: ['version-disclosed']},
    {name: 'an IIS version in Server', artifacts: withHeaders({server: 'Microsoft-IIS/10.0'}), messageIds: ['version-disclosed']},
    {
      name: 'a generation number such as v2 is a version',
      artifacts: withHeaders({server: 'Microsoft-Azure-Application-Gateway/v2'}),
      messageIds: ['version-disclosed'],
    },
    {
      name: 'a bare framework beside a versioned server gets both findings',
      artifacts: withHeaders({server: 'nginx/1.22.1', 'x-powered-by': 'Express'}),
      messageIds: ['version-disclosed', 'product-named'],
    },
    {
      name: 'a second page reveals PHP',
      artifacts: {
        Pages: pages(hardened({server: undefined}), {path: '/contact.php', response: hardened({server: undefined, 'x-powered-by': 'PHP/8.2.7'})}),
      },
      messageIds: ['version-disclosed'],
      page: '/contact.php',
    },
    {
      name: 'a page that could not be fetched beside a judged one is listed as not judged',
      artifacts: {Pages: pages(hardened({server: undefined}), {path: '/admin', error: probeError('http-5xx')})},
      messageIds: ['page-not-judged'],
      page: '/admin',
    },
  ],
  error: [
    {
      name: 'no page could be judged, so the check is inconclusive, not a pass',
      artifacts: {Pages: [{path: '/', url: TARGET.url, response: answer(503, 'down', {server: 'nginx/1.22.1'}), error: probeError('http-5xx')}]},
      messageIds: ['page-unavailable'],
      page: '/',
    },
  ],
});
