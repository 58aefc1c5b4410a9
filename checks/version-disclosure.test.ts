import check from './version-disclosure.js';
import {hardened, pages, probeError} from '../test/helpers/artifacts.js';
import {checkTester, type CheckCase} from '../test/helpers/check-tester.js';
import {DISCLOSURE_HEADERS} from '../src/lib/disclosure-headers.js';

const withHeader = (header: string, value: string) => ({Pages: pages(hardened({[header]: value}))});

const examples = (kind: 'fail' | 'warn'): CheckCase[] =>
  DISCLOSURE_HEADERS.filter((d) => d.kind === kind).map((d) => ({
    name: `${d.header}: ${d.example} reveals ${d.name}`,
    artifacts: withHeader(d.header, d.example),
    messageIds: ['disclosed'],
  }));

checkTester.run(check, {
  pass: [
    {name: 'the hardened baseline names only nginx', artifacts: {Pages: pages(hardened())}},
    {name: 'a bare CDN name in Server is fine', artifacts: withHeader('server', 'cloudflare')},
    {name: 'a Via with only the protocol version and a host is fine', artifacts: withHeader('via', '1.1 d111111abcdef8.cloudfront.net (CloudFront)')},
    {name: 'a Via naming the protocol as HTTP/1.1 is fine', artifacts: withHeader('via', 'HTTP/1.1 proxy.example')},
    {name: 'an empty X-Powered-By reveals nothing', artifacts: withHeader('x-powered-by', '')},
  ],
  fail: [
    ...examples('fail'),
    {name: 'an nginx version in Server', artifacts: withHeader('server', 'nginx/1.22.1'), messageIds: ['disclosed']},
    {name: 'an IIS version in Server', artifacts: withHeader('server', 'Microsoft-IIS/10.0'), messageIds: ['disclosed']},
    {name: 'X-Powered-By with a bare framework name', artifacts: withHeader('x-powered-by', 'Express'), messageIds: ['disclosed']},
    {
      name: 'a second page reveals PHP',
      artifacts: {Pages: pages(hardened(), {path: '/contact.php', response: hardened({'x-powered-by': 'PHP/8.2.7'})})},
      messageIds: ['disclosed'],
      page: '/contact.php',
    },
  ],
  warn: examples('warn'),
  error: [
    {
      name: 'a page that could not be fetched is inconclusive',
      artifacts: {Pages: pages(hardened(), {path: '/admin', error: probeError('http-5xx')})},
      messageIds: ['page-unavailable'],
      page: '/admin',
    },
  ],
});
