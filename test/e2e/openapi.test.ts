/**
 * --openapi through the built CLI: --dry-run lists every operation and sends nothing, a Swagger 2.0
 * document is refused in one line (exit 2), `init --openapi` writes a config that scan reads, and a
 * real scan of the Express API finds its open route (exit 1).
 */
import {copyFileSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import type {Report} from '../../src/core/report.js';
import {testCerts, type TestCerts} from '../helpers/certs.js';
import {cli} from '../helpers/cli.js';
import {OPENAPI_API_DOCUMENT, openApiApi} from '../helpers/openapi-api.js';
import {tracker} from '../helpers/process.js';
import {startHttpsServer, type TestServer} from '../helpers/servers.js';

let certs: TestCerts;
let server: TestServer;
const {track, closeAll} = tracker();

beforeAll(async () => {
  certs = await testCerts();
  server = await track(startHttpsServer(openApiApi().app, {key: certs.keyPem, cert: certs.certPem}));
});
afterAll(closeAll);

describe('shipcheck scan --openapi', () => {
  it('--dry-run lists every operation and what would be sent, and sends nothing', async () => {
    const run = await cli(['scan', `${server.url}/`, '--openapi', OPENAPI_API_DOCUMENT, '--only', 'auth', '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines).toContain('    not asked: GET /health is public (its effective security is empty)');
    expect(lines).toContain('    not sent: POST /items: POST is not enabled: add it with --openapi-methods GET,HEAD,POST');
    expect(lines).toContain(`    GET ${server.url}/v1/items?limit=20 with no credentials, x-tenant: acme (redirects not followed)`);
    expect(lines).toContain(`    GET ${server.url}/v1/admin/stats with a random API key in header X-API-Key (redirects not followed)`);
    expect(lines.filter((l) => l.startsWith(`    GET ${server.url}/`))).toHaveLength(27);
    expect(server.requests).toEqual([]);
  });

  it('refuses a Swagger 2.0 document in one line with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipcheck-swagger-'));
    writeFileSync(join(dir, 'swagger.yaml'), 'swagger: "2.0"\ninfo: {title: old, version: "1"}\npaths: {}\n');
    const run = await cli(['scan', `${server.url}/`, '--openapi', 'swagger.yaml'], {}, dir);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/--openapi swagger\.yaml is a Swagger 2\.0 document; .*convert it/)]);
    expect(run.stdout).toBe('');
  });

  it('finds the open route of a real API and exits 1', async () => {
    const run = await cli(['scan', `${server.url}/`, '--openapi', OPENAPI_API_DOCUMENT, '--only', 'auth', '--ca-file', certs.caFile, '--json']);
    const report = JSON.parse(run.stdout) as Report;
    const result = report.targets[0]!.results.find((r) => r.id === 'auth-openapi')!;
    expect(result.status).toBe('fail');
    expect(result.findings.filter((f) => f.kind === 'fail').map((f) => `${f.evidence.method} ${f.evidence.path}`)).toEqual(['GET /orders/{orderId}']);
    expect(run.code).toBe(1);
  });
});

describe('shipcheck init --openapi', () => {
  it('writes a starter config with the document wired in, which scan then reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipcheck-init-openapi-'));
    copyFileSync(OPENAPI_API_DOCUMENT, join(dir, 'openapi.yaml'));
    const init = await cli(['init', '--openapi', 'openapi.yaml'], {}, dir);
    expect(init.code).toBe(0);
    const config = readFileSync(join(dir, 'shipcheck.yml'), 'utf8');
    expect(config).toContain('  - url: https://api.shop.example/\n    openapi: "openapi.yaml"\n');
    expect(config).toContain('# From openapi.yaml: 10 secured operations');
    const plan = await cli(['scan', '--dry-run', '--only', 'auth'], {}, dir);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('GET https://api.shop.example/v1/orders/00000000-0000-4000-8000-000000000001 with no credentials');
  });

  it('refuses a document that is not OpenAPI before writing anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipcheck-init-openapi-'));
    writeFileSync(join(dir, 'notes.yaml'), 'title: not an API\n');
    const run = await cli(['init', '--openapi', 'notes.yaml'], {}, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--openapi notes\.yaml has no openapi version key/);
    expect(() => readFileSync(join(dir, 'shipcheck.yml'))).toThrow();
  });
});
