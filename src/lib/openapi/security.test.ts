import {describe, expect, it} from '@jest/globals';
import {effectiveSecurity, schemeOf} from './security.js';

const components = {
  securitySchemes: {
    bearer: {type: 'http', scheme: 'bearer', bearerFormat: 'JWT'},
    opaque: {type: 'http', scheme: 'Bearer', bearerFormat: 'opaque'},
    basic: {type: 'http', scheme: 'basic'},
    key: {type: 'apiKey', in: 'header', name: 'X-API-Key'},
    queryKey: {type: 'apiKey', in: 'query', name: 'api_key'},
    oauth: {type: 'oauth2', flows: {}},
    oidc: {type: 'openIdConnect', openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration'},
    mtls: {type: 'mutualTLS'},
  },
};
const doc = (security?: unknown) => ({openapi: '3.1.0', components, ...(security === undefined ? {} : {security})});

describe('effectiveSecurity', () => {
  it.each([
    ['no security anywhere is public', doc(), {}, false, []],
    ['the global requirement applies to an operation without its own', doc([{bearer: []}]), {}, true, ['bearer']],
    ['an operation overrides the global requirement', doc([{bearer: []}]), {security: [{key: []}]}, true, ['key']],
    ['security: [] on the operation makes it public under a global requirement', doc([{bearer: []}]), {security: []}, false, []],
    ['an empty global list is public', doc([]), {}, false, []],
    ['an empty alternative makes authentication optional, so public', doc(), {security: [{}, {bearer: []}]}, false, []],
    ['schemes that go together are all named', doc(), {security: [{key: [], bearer: []}]}, true, ['key', 'bearer']],
    ['alternatives are all named once', doc(), {security: [{bearer: []}, {basic: []}, {bearer: ['read']}]}, true, ['bearer', 'basic']],
    ['an operation requirement of oauth2 scopes is secured', doc(), {security: [{oauth: ['admin']}]}, true, ['oauth']],
    ['a requirement of an undeclared scheme is still secured', doc(), {security: [{nowhere: []}]}, true, ['nowhere']],
  ])('%s', (_, document, operation, secured, names) => {
    const result = effectiveSecurity(document, operation);
    expect({secured: result.secured, names: result.names}).toEqual({secured, names});
    expect(result.schemes).toHaveLength(names.length);
  });
});

describe('schemeOf', () => {
  const s = components.securitySchemes;
  it.each([
    ['HTTP bearer with a JWT format', s.bearer, {kind: 'bearer', jwt: true}],
    ['HTTP bearer of an opaque format, scheme case-insensitive', s.opaque, {kind: 'bearer', jwt: false}],
    ['HTTP bearer without a format is taken for JWT', {type: 'http', scheme: 'bearer'}, {kind: 'bearer', jwt: true}],
    ['HTTP Basic', s.basic, {kind: 'basic'}],
    ['an API key in a header', s.key, {kind: 'api-key', in: 'header', name: 'X-API-Key'}],
    ['an API key in the query', s.queryKey, {kind: 'api-key', in: 'query', name: 'api_key'}],
    ['an API key in a cookie', {type: 'apiKey', in: 'cookie', name: 'sid'}, {kind: 'api-key', in: 'cookie', name: 'sid'}],
    ['OAuth2 tokens are bearer JWTs', s.oauth, {kind: 'bearer', jwt: true}],
    ['OpenID Connect tokens are bearer JWTs', s.oidc, {kind: 'bearer', jwt: true}],
    ['mutual TLS cannot be forged', s.mtls, {kind: 'other', type: 'mutualTLS'}],
    ['HTTP Digest cannot be forged', {type: 'http', scheme: 'digest'}, {kind: 'other', type: 'http digest'}],
    ['an API key without a name', {type: 'apiKey', in: 'header'}, {kind: 'other', type: 'apiKey without a valid in and name'}],
    ['no declaration at all', undefined, {kind: 'other', type: 'undeclared'}],
  ])('%s', (_, declared, expected) => {
    expect(schemeOf(declared)).toEqual(expected);
  });
});
