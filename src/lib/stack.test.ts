import {describe, expect, it} from '@jest/globals';
import {ERROR_SIGNATURES} from './error-signatures.js';
import {detectStacks} from './stack.js';
import {answer, errorProbe, hardened, pages, probeError} from '../../test/helpers/artifacts.js';

const example = (id: string): string => ERROR_SIGNATURES.find((s) => s.id === id)?.example ?? '';

describe('detectStacks', () => {
  it.each([
    ['a bare nginx Server header', {server: 'nginx'}, ['nginx']],
    ['OpenResty, which is nginx', {server: 'openresty/1.25.3.1'}, ['nginx']],
    ['Apache httpd with its version', {server: 'Apache/2.4.57 (Debian)'}, ['apache']],
    ['Tomcat calling itself Apache-Coyote', {server: 'Apache-Coyote/1.1'}, []],
    ['Caddy', {server: 'Caddy'}, ['caddy']],
    ['IIS and ASP.NET', {server: 'Microsoft-IIS/10.0', 'x-powered-by': 'ASP.NET'}, ['iis', 'aspnet']],
    ['Express behind a server it does not name, then Node it runs on', {server: 'demo-shop/1.4.2', 'x-powered-by': 'Express'}, ['express', 'node']],
    ['PHP', {server: undefined, 'x-powered-by': 'PHP/8.2.7'}, ['php']],
    ['nothing that names software', {server: undefined}, []],
  ])('reads %s from the main page', (_name, headers, stacks) => {
    expect(detectStacks({Pages: pages(hardened(headers))}).map((d) => d.stack)).toEqual(stacks);
  });

  it('reads the framework from an error page, after the main page and before other pages', () => {
    const artifacts = {
      Pages: pages(hardened({server: undefined}), {path: '/login', response: hardened({server: 'Apache'})}),
      ErrorPages: [errorProbe('not-found', answer(404, example('django-debug-500')))],
    };
    expect(detectStacks(artifacts)).toEqual([
      {stack: 'django', evidence: '404 page: Django debug page'},
      {stack: 'apache', evidence: 'server: Apache'},
    ]);
  });

  it('names each stack once, with the first evidence, and caps a long header value', () => {
    const long = `nginx ${'x'.repeat(200)}`;
    const found = detectStacks({Pages: pages(hardened({server: long}), {path: '/a', response: hardened({server: 'nginx/1.1'})})});
    expect(found).toHaveLength(1);
    expect(found[0]?.evidence.length).toBeLessThanOrEqual(70);
  });

  it('finds nothing in artifacts that could not be gathered', () => {
    expect(detectStacks({Pages: probeError('connection-refused'), ErrorPages: probeError('connection-refused')})).toEqual([]);
    expect(detectStacks({})).toEqual([]);
  });
});
