import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {UsageError} from '../core/errors.js';
import {parseOpenApiMethods} from '../lib/openapi/methods.js';
import {openApiPlan} from './openapi.js';

const dir = mkdtempSync(join(tmpdir(), 'shipcheck-openapi-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Security schemes, a security requirement's scheme, parameters and a path item, all reached through $ref. */
const REFS = `
openapi: 3.0.3
info: {title: refs, version: '1'}
security:
  - $ref: '#/x-requirements/keyed'
x-requirements:
  keyed: {apiKey: []}
components:
  securitySchemes:
    apiKey: {$ref: '#/components/x-schemes/header-key'}
    jwt: {type: http, scheme: bearer, bearerFormat: JWT}
  x-schemes:
    header-key: {type: apiKey, in: header, name: X-API-Key}
  parameters:
    id: {name: id, in: path, required: true, schema: {$ref: '#/components/schemas/Id'}}
  schemas:
    Id: {type: string, format: uuid}
    Node: {type: object, required: [child], properties: {child: {$ref: '#/components/schemas/Node'}}}
  pathItems:
    thing:
      get:
        parameters: [{$ref: '#/components/parameters/id'}]
        security: [{jwt: []}]
paths:
  /things/{id}: {$ref: '#/components/pathItems/thing'}
  /nodes:
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}
`;

describe('openApiPlan', () => {
  it("resolves $ref'd schemes, requirements, parameters, path items and a circular schema", async () => {
    const plan = await openApiPlan(file('refs.yaml', REFS), '--openapi', ['GET']);
    expect(plan.operations.map((o) => [o.method, o.url, o.schemes])).toEqual([
      ['GET', '/things/00000000-0000-4000-8000-000000000001', [{kind: 'bearer', jwt: true}]],
      ['POST', '/nodes', [{kind: 'api-key', in: 'header', name: 'X-API-Key'}]],
    ]);
  });

  it('reads JSON as well as YAML', async () => {
    const json = JSON.stringify({openapi: '3.1.0', info: {title: 'j', version: '1'}, paths: {'/a': {get: {security: [{k: []}]}}}});
    expect((await openApiPlan(file('doc.json', json), '--openapi', ['GET'])).operations).toHaveLength(1);
  });

  it.each([
    ['a Swagger 2.0 document', 'swagger: "2.0"\npaths: {}\n', /is a Swagger 2\.0 document; shipcheck reads OpenAPI 3\.0 and 3\.1: convert it/],
    ['OpenAPI 3.2', 'openapi: 3.2.0\npaths: {}\n', /is OpenAPI 3\.2\.0; shipcheck reads OpenAPI 3\.0 and 3\.1/],
    ['no version key', 'paths: {}\n', /has no openapi version key/],
    ['a list, not a document', '- a\n', /is not an OpenAPI document/],
    ['broken YAML', 'openapi: 3.1.0\npaths: {a: [\n', /is not valid YAML or JSON/],
    ['an external $ref', "openapi: 3.1.0\npaths:\n  /a: {$ref: './a.yaml'}\n", /paths\.\/a refers to "\.\/a\.yaml", outside the document: bundle/],
    ['a $ref to nothing', "openapi: 3.1.0\npaths:\n  /a: {$ref: '#/components/missing'}\n", /--openapi .*missing/],
  ])('refuses %s in one line', async (name, text, message) => {
    const error = await openApiPlan(file(`${name.replace(/\W+/g, '-')}.yaml`, text), '--openapi', ['GET']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('refuses a folder', async () => {
    await expect(openApiPlan(dir, '--openapi', ['GET'])).rejects.toThrow(/is a folder, not a regular file/);
  });
});

describe('parseOpenApiMethods', () => {
  it('reads a comma-separated list, any case, each once', () => {
    expect(parseOpenApiMethods('get, HEAD,post,GET', '--openapi-methods')).toEqual(['GET', 'HEAD', 'POST']);
  });

  it.each([['FETCH'], [''], [',']])('refuses "%s"', (list) => {
    expect(() => parseOpenApiMethods(list, '--openapi-methods')).toThrow(UsageError);
  });
});
