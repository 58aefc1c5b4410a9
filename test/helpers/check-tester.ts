/**
 * Runs a check against tables of hand-made artifact cases (ESLint's RuleTester, in our terms).
 * Asserts verdicts and the exact set of message ids, never prose; rejects unknown ids, unfilled
 * placeholders and duplicate case names.
 */
import {describe, expect, it} from '@jest/globals';
import {formatMessage} from '../../src/core/check.js';
import type {AnyCheck, ArtifactName, Status, TargetInfo} from '../../src/core/types.js';
import {TARGET} from './artifacts.js';

export interface CheckCase {
  /** A sentence saying what the case shows. */
  name: string;
  artifacts: Record<string, unknown>;
  options?: Record<string, unknown> | undefined;
  target?: TargetInfo;
  /**
   * Exactly the set of message ids the findings carry (notes included): an extra or a missing
   * finding fails the case. Non-pass cases name at least one.
   */
  messageIds?: string[];
  /** The page every listed message must name, when the check judges several pages. */
  page?: string;
}

export type CheckTable = Partial<Record<Exclude<Status, 'skipped'>, CheckCase[]>>;

export const checkTester = {
  run(check: AnyCheck, table: CheckTable): void {
    const names = new Set<string>();
    describe(check.meta.id, () => {
      it('has both a passing and a failing case', () => {
        expect(table.pass?.length ?? 0).toBeGreaterThan(0);
        expect((table.fail?.length ?? 0) + (table.warn?.length ?? 0)).toBeGreaterThan(0);
      });
      for (const [status, cases] of Object.entries(table) as [Status, CheckCase[]][]) {
        for (const c of cases) {
          if (names.has(c.name)) throw new Error(`duplicate case name in ${check.meta.id}: ${c.name}`);
          names.add(c.name);
          it(`${status}: ${c.name}`, () => {
            // AnyCheck erases the artifact names and options to any: name what they are.
            for (const artifact of check.meta.requiredArtifacts as readonly ArtifactName[]) expect(c.artifacts).toHaveProperty(artifact);
            const options = {...(check.defaultOptions as object), ...c.options};
            const result = check.run(c.artifacts, options, c.target ?? TARGET);
            const ids = result.findings.map((f) => f.messageId);
            for (const f of result.findings) {
              const template = (check.meta.messages as Record<string, string>)[f.messageId];
              expect({id: f.messageId, known: template !== undefined}).toEqual({id: f.messageId, known: true});
              const text = formatMessage(template ?? '', f.data);
              expect({id: f.messageId, unfilled: /\{\{\s*\w+\s*\}\}/.test(text)}).toEqual({id: f.messageId, unfilled: false});
            }
            expect({status: result.status, ids}).toEqual({status, ids: expect.any(Array)});
            if (status !== 'pass') expect(c.messageIds?.length ?? 0).toBeGreaterThan(0);
            const set = (list: readonly string[]): string[] => [...new Set(list)].sort();
            expect({case: c.name, ids: set(ids)}).toEqual({case: c.name, ids: set(c.messageIds ?? [])});
            if (c.page !== undefined) {
              for (const f of result.findings.filter((f) => c.messageIds?.includes(f.messageId))) expect(f.page).toBe(c.page);
            }
          });
        }
      }
    });
  },
};
