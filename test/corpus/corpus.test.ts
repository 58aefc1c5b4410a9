/**
 * The corpus test: every configuration of expected.ts is started for real, scanned by the engine,
 * and each family's verdict compared with the one written down before the first run. Every
 * disagreement fails its test; the closing line says how many verdicts agree.
 */
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import type {TargetReport} from '../../src/core/report.js';
import {mapLimit} from '../../src/probes/probe.js';
import {removeTestCerts} from '../helpers/certs.js';
import {CORPUS_FAMILIES, EXPECTED, type ConfigName, type CorpusFamily, type FamilyVerdict} from './expected.js';
import {explain, familyVerdict, scanConfig} from './harness.js';
import {corpusCerts, START} from './servers.js';

const NAMES = Object.keys(EXPECTED) as ConfigName[];

/**
 * Configurations started and scanned at once. Each scan runs its probes concurrently (a TLS scan
 * alone sends dozens of handshakes), so three keeps two cores busy without starving a server.
 */
const CONCURRENCY = 3;

/** Each configuration's report, or why it could not be started or scanned. */
const outcomes = new Map<ConfigName, TargetReport | Error>();

beforeAll(async () => {
  const certs = await corpusCerts();
  await mapLimit(NAMES, CONCURRENCY, async (name) => {
    try {
      const running = await START[name](certs);
      try {
        outcomes.set(name, await scanConfig(running, certs.ca));
      } finally {
        await running.close();
      }
    } catch (error) {
      outcomes.set(name, error instanceof Error ? error : new Error(String(error)));
    }
  });
}, 120_000);

/** The observed verdict and what decided it (each gating check's status and message ids), or why there is none. */
function observe(name: ConfigName, family: CorpusFamily): {verdict: FamilyVerdict | 'not scanned'; decidedBy: string} {
  const outcome = outcomes.get(name);
  if (outcome === undefined || outcome instanceof Error) return {verdict: 'not scanned', decidedBy: outcome?.message ?? 'no outcome'};
  return {verdict: familyVerdict(outcome, family), decidedBy: explain(outcome, family)};
}

afterAll(async () => {
  await removeTestCerts();
  const disagreements = NAMES.flatMap((name) =>
    CORPUS_FAMILIES.flatMap((family) => {
      const {verdict, decidedBy} = observe(name, family);
      const expected = EXPECTED[name].verdicts[family];
      return verdict === expected ? [] : [`  ${name} ${family}: expected ${expected}, observed ${verdict} — ${decidedBy}`];
    }),
  );
  const total = NAMES.length * CORPUS_FAMILIES.length;
  console.log(
    [`corpus: ${total - disagreements.length} of ${total} family verdicts agree (${NAMES.length} configurations)`, ...disagreements].join('\n'),
  );
});

describe.each(NAMES)('%s', (name) => {
  it.each(CORPUS_FAMILIES)('%s verdict is as expected', (family) => {
    const {verdict, decidedBy} = observe(name, family);
    const expected = EXPECTED[name].verdicts[family];
    // A disagreement names the checks and message ids that decided it.
    expect(verdict === expected ? verdict : `${verdict} — ${decidedBy}`).toBe(expected);
  });
});
