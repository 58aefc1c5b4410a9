import {describe, expect, it} from '@jest/globals';
import {fillRequest, planOperations, serverOrigin, serverPrefix} from './plan.js';

describe('serverPrefix', () => {
  it.each([
    ['no servers', undefined, ''],
    ['an absolute server on another host keeps only its path', [{url: 'https://api.example.com/v1/'}], '/v1'],
    ['an absolute server without a path', [{url: 'https://api.example.com'}], ''],
    ['a relative server', [{url: '/api/v2'}], '/api/v2'],
    ['a relative server without a leading slash', [{url: 'v3'}], '/v3'],
    ['a protocol-relative server', [{url: '//cdn.example.com/base'}], '/base'],
    [
      'variables take their defaults',
      [{url: '{scheme}://{host}/v{major}', variables: {scheme: {default: 'https'}, host: {default: 'x.example'}, major: {default: 2}}}],
      '/v2',
    ],
    ['only the first server counts', [{url: '/first'}, {url: '/second'}], '/first'],
  ])('%s', (_, servers, expected) => {
    expect(serverPrefix(servers)).toBe(expected);
  });
});

describe('fillRequest', () => {
  it('fills path parameters, adds required query parameters only, sets required headers', () => {
    const filled = fillRequest('/v1', '/orgs/{org}/items/{id}', [
      {in: 'path', name: 'org', required: true, schema: {type: 'string', example: 'acme corp'}},
      {in: 'path', name: 'id', required: true, schema: {type: 'string', format: 'uuid'}},
      {in: 'query', name: 'limit', required: true, schema: {type: 'integer', default: 10}},
      {in: 'query', name: 'cursor', schema: {type: 'string'}},
      {in: 'header', name: 'X-Tenant', required: true, example: 't1'},
      {in: 'header', name: 'Authorization', required: true, example: 'Bearer real'},
      {in: 'header', name: 'X-Optional', example: 'o'},
      {in: 'cookie', name: 'sid', required: true, example: 's'},
    ]);
    expect(filled).toEqual({
      url: '/v1/orgs/acme%20corp/items/00000000-0000-4000-8000-000000000001?limit=10',
      headers: {'x-tenant': 't1'},
      parameters: 'org=acme corp, id=00000000-0000-4000-8000-000000000001, limit=10, X-Tenant=t1',
    });
  });

  it.each([
    [
      'an exploded array repeats the name',
      {in: 'query', name: 'tag', required: true, schema: {type: 'array', items: {type: 'string', enum: ['a']}}},
      '?tag=a',
    ],
    ['a deepObject names each key', {in: 'query', name: 'f', required: true, style: 'deepObject', example: {x: 1}}, '?f%5Bx%5D=1'],
    ['a non-exploded array is comma-joined', {in: 'query', name: 'ids', required: true, explode: false, example: [1, 2]}, '?ids=1%2C2'],
  ])('%s', (_, parameter, search) => {
    expect(fillRequest('', '/x', [parameter]).url).toBe(`/x${search}`);
  });

  it('gives a template variable without a declared parameter the value 1', () => {
    expect(fillRequest('', '/items/{id}', []).url).toBe('/items/1');
  });

  it('keeps the request on the scanned origin whatever the prefix and template say', () => {
    expect(fillRequest('', '//evil.example/x', []).url).toBe('/evil.example/x');
    expect(fillRequest('/\\evil.example', '/x', []).url).toBe('/%5Cevil.example/x');
    expect(fillRequest('', '/{p}', [{in: 'path', name: 'p', example: '../../admin'}]).url).toBe('/..%2F..%2Fadmin');
  });

  it('leaves out a header value that would break the request', () => {
    expect(fillRequest('', '/x', [{in: 'header', name: 'X-A', required: true, example: 'a\r\nInjected: 1'}]).headers).toEqual({});
  });
});

describe('planOperations', () => {
  const document = {
    openapi: '3.1.0',
    servers: [{url: 'https://api.example.com/v1'}],
    security: [{bearer: []}],
    components: {securitySchemes: {bearer: {type: 'http', scheme: 'bearer'}}},
    paths: {
      '/health': {get: {security: [], operationId: 'health'}},
      '/items/{id}': {
        parameters: [{in: 'path', name: 'id', required: true, schema: {type: 'integer', example: 5}}],
        get: {operationId: 'getItem'},
        delete: {parameters: [{in: 'path', name: 'id', required: true, example: 9}]},
      },
      '/items': {
        post: {requestBody: {required: true, content: {'application/json': {example: {name: 'n'}}}}},
        servers: [{url: '/v2'}],
      },
    },
  };

  it('plans every operation with its URL, body and schemes', () => {
    const plan = planOperations(document, 'openapi.yaml', ['GET', 'HEAD']);
    expect(plan.operations.map((o) => [o.method, o.path, o.url, o.schemes.length, o.body?.text])).toEqual([
      ['GET', '/health', '/v1/health', 0, undefined],
      ['GET', '/items/{id}', '/v1/items/5', 1, undefined],
      ['DELETE', '/items/{id}', '/v1/items/9', 1, undefined],
      ['POST', '/items', '/v2/items', 1, '{"name":"n"}'],
    ]);
    expect(plan).toMatchObject({document: 'openapi.yaml', methods: ['GET', 'HEAD']});
    expect(plan.operations[1]?.operationId).toBe('getItem');
  });

  it('plans nothing for a document without paths', () => {
    expect(planOperations({openapi: '3.0.3'}, 'empty.yaml', ['GET']).operations).toEqual([]);
  });
});

describe('serverOrigin', () => {
  it.each([
    ['an absolute https server', [{url: 'https://api.example.com/v1'}], 'https://api.example.com/'],
    ['variables take their defaults', [{url: 'https://{env}.example.com', variables: {env: {default: 'staging'}}}], 'https://staging.example.com/'],
    ['a relative server has none', [{url: '/v1'}], undefined],
    ['no servers', undefined, undefined],
  ])('%s', (_, servers, expected) => {
    expect(serverOrigin(servers)).toBe(expected);
  });
});
