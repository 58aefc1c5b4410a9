import {readdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {CHECKS} from '../checks/index.js';
import {FAMILIES, OWASP_TOP10} from '../src/core/types.js';
import {PROBES} from '../src/probes/index.js';

const dir = join(import.meta.dirname, '..', 'checks');
const files = readdirSync(dir);
const checkFiles = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts').map((f) => f.slice(0, -3));

describe('check registry', () => {
  it('registers every check file once, under its file name', () => {
    expect(CHECKS.map((c) => c.meta.id).sort()).toEqual([...checkFiles].sort());
  });

  it.each(checkFiles)('%s has a table test beside it', (id) => {
    expect(files).toContain(`${id}.test.ts`);
  });

  it.each(CHECKS.map((c) => [c.meta.id, c] as const))('%s has complete metadata', (_id, check) => {
    const {meta} = check;
    expect(meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(FAMILIES).toContain(meta.family);
    expect(meta.title.length).toBeGreaterThan(5);
    expect(meta.failureTitle.length).toBeGreaterThan(5);
    expect(meta.failureTitle).not.toBe(meta.title);
    // One reference link, as the house style asks.
    expect(meta.description.match(/\]\(https:\/\/[^)]+\)/g)?.length).toBe(1);
    // A fix whatever the stack, and lines per stack that read after "nginx: " and end where remediationText puts the stop.
    expect(meta.fixes.generic.length).toBeGreaterThan(10);
    expect(Object.keys(meta.fixes.stacks).length).toBeGreaterThan(0);
    for (const line of Object.values(meta.fixes.stacks)) expect(line).toMatch(/^\S.{4,}[^.]$/);
    expect(['critical', 'high', 'medium', 'low', 'info']).toContain(meta.severity);
    // At least one of each, as ids a SARIF viewer and `--only owasp:A05` can use; none twice.
    expect(meta.cwe.length).toBeGreaterThan(0);
    for (const cwe of meta.cwe) expect(Number.isInteger(cwe) && cwe > 0).toBe(true);
    expect(new Set(meta.cwe).size).toBe(meta.cwe.length);
    expect(meta.owasp.length).toBeGreaterThan(0);
    for (const id of meta.owasp) expect(Object.keys(OWASP_TOP10)).toContain(id);
    expect(new Set(meta.owasp).size).toBe(meta.owasp.length);
    expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
    expect(meta.requiredArtifacts.length).toBeGreaterThan(0);
    for (const artifact of meta.requiredArtifacts) expect(Object.keys(PROBES)).toContain(artifact);
  });

  it('uses no message id the runner reserves for its own findings', () => {
    for (const c of CHECKS) {
      expect(Object.keys(c.meta.messages)).not.toContain('probe-error');
      expect(Object.keys(c.meta.messages)).not.toContain('truncated');
      expect(Object.keys(c.meta.messages)).not.toContain('not-applicable');
    }
  });
});
