/**
 * The code scanning category of a SARIF upload. GitHub keeps one analysis per tool, category and
 * commit: without a category of their own, the uploads of two keys or of the shards of a matrix
 * replace each other (and two runs of one category in one upload are refused). The category goes
 * in SARIF 2.1.0's `runAutomationDetails.id`; the log stays valid against the schema.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {Ajv2020} from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {formatSarif, sarifCategory} from '../../src/formatters/sarif.js';
import {demoReport, FIXTURES} from '../helpers/reports.js';

interface SarifLog {
  runs: {automationDetails?: {id: string}}[];
}

const schema = JSON.parse(readFileSync(join(FIXTURES, 'sarif-schema-2.1.0.json'), 'utf8')) as object;
const validate = addFormats.default(new Ajv2020({allErrors: true, strict: false})).compile(schema);
const LOCATION = {file: 'shipcheck.yml', line: 1};

function sarif(category: string | undefined): SarifLog {
  const log = JSON.parse(formatSarif(demoReport(), {defaultLocation: LOCATION, ...(category === undefined ? {} : {category})})) as SarifLog;
  expect(validate(log)).toBe(true);
  expect(validate.errors ?? []).toEqual([]);
  return log;
}

describe('sarifCategory', () => {
  it('names the key, the shard, or both under shipcheck/', () => {
    expect(sarifCategory('staging')).toBe('shipcheck/staging');
    expect(sarifCategory(undefined, {index: 2, count: 3})).toBe('shipcheck/shard-2-of-3');
    expect(sarifCategory(' staging ', {index: 1, count: 3})).toBe('shipcheck/staging/shard-1-of-3');
  });

  it('is absent without either, so the default category (workflow and job) applies', () => {
    expect(sarifCategory(undefined)).toBeUndefined();
    expect(sarifCategory('  ')).toBeUndefined();
  });

  it('gives every shard of a matrix its own', () => {
    const ids = [1, 2, 3].map((index) => sarifCategory('fleet', {index, count: 3}));
    expect(new Set(ids).size).toBe(3);
  });
});

describe('the SARIF run', () => {
  it("carries the category as runAutomationDetails.id, ending in '/' (a category, no run instance id)", () => {
    expect(sarif(sarifCategory('staging', {index: 2, count: 3})).runs[0]!.automationDetails).toEqual({id: 'shipcheck/staging/shard-2-of-3/'});
  });

  it('has no automationDetails without a category', () => {
    expect(sarif(undefined).runs[0]!.automationDetails).toBeUndefined();
  });
});
