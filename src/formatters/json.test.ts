import {describe, expect, test} from '@jest/globals';
import type {Report} from '../core/report.js';
import {demoReport, report, result, target} from '../../test/helpers/reports.js';
import {formatJson, jsonChunks} from './json.js';

const twoTargets = report([target([result()]), target([result({status: 'pass', findings: []})], {url: 'https://b.example/'})]);

describe('the JSON report in pieces', () => {
  test.each<[string, Report]>([
    ['the demo report', demoReport()],
    ['two targets', twoTargets],
    ['no target', report([])],
    ['a member left undefined', {...twoTargets, baseline: undefined} as unknown as Report],
  ])('%s: the pieces join to exactly JSON.stringify(report, null, 2)', (_name, r) => {
    expect(formatJson(r)).toBe(`${JSON.stringify(r, null, 2)}\n`);
    expect(JSON.parse(formatJson(r))).toEqual(JSON.parse(JSON.stringify(r)));
  });

  test('each target is its own piece: no piece holds two', () => {
    const pieces = [...jsonChunks(twoTargets)];
    const holding = pieces.filter((p) => p.includes('"results"'));
    expect(holding).toHaveLength(2);
    expect(holding.every((p) => p.split('"results"').length === 2)).toBe(true);
  });
});
