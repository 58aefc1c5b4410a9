import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {CHECKS} from '../../checks/index.js';
import {FAKE_CHECKS} from '../../test/helpers/fake-checks.js';
import {defineCheck, pass} from '../core/check.js';
import {configJsonSchema, configSchema} from './config-schema.js';
import {templatesDir} from '../core/paths.js';

describe('configJsonSchema', () => {
  it('matches the committed templates/shipcheck.schema.json (run `npm run schema` after changing checks)', async () => {
    const committed: unknown = JSON.parse(await readFile(join(templatesDir(), 'shipcheck.schema.json'), 'utf8'));
    expect(committed).toEqual(configJsonSchema(CHECKS));
  });

  it('names every check, with its title, and refuses other ids', () => {
    const checks = (configJsonSchema(FAKE_CHECKS).properties as Record<string, {properties: object; additionalProperties: unknown}>).checks;
    expect(checks?.additionalProperties).toBe(false);
    expect(checks?.properties).toEqual(Object.fromEntries(FAKE_CHECKS.map((c) => [c.meta.id, expect.objectContaining({description: c.meta.title})])));
  });

  it('types each option like its default', () => {
    const json = JSON.stringify(configJsonSchema(FAKE_CHECKS));
    expect(json).toContain('"minMaxAge":{"default":15768000,"type":"number"}');
    expect(json).toContain('"allowedHosts":{"default":["cdn.example.com"],"type":"array","items":{"type":"string"}}');
  });
});

describe('configSchema', () => {
  it('refuses a check whose option default a config file could not express', () => {
    const check = defineCheck({
      meta: {
        id: 'nested',
        family: 'headers',
        title: 't',
        failureTitle: 'f',
        description: 'd',
        fixes: {generic: 'r', stacks: {}},
        severity: 'low',
        cwe: [693],
        owasp: ['A05:2021'],
        requiredArtifacts: ['Pages'],
        messages: {},
      },
      defaultOptions: {limits: {max: 1}},
      run: () => pass(),
    });
    expect(() => configSchema([check])).toThrow('nested');
  });
});
