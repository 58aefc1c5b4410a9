/**
 * SARIF 2.1.0 for GitHub code scanning. What GitHub's ingestion needs beyond the schema:
 * - every result has a physical location, or the whole upload is rejected: a URL finding points at
 *   the line that names its target (config or workflow file);
 * - `partialFingerprints` that stay the same across runs, so alerts track instead of reopening: built
 *   from the target's origin, the check, the message id and the page, never from evidence (which can
 *   hold random probe paths);
 * - `security-severity` as a number in a string, with tag `security`, for the critical/high/medium/low
 *   ranking (over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, below low).
 * One result per check, message id and page: findings that differ only in data (four CBC suites) are
 * one problem with one fingerprint, so they are one alert. A result's `level` reads as in every other
 * format (see presented): `error` only for what gates, `warning` for a failure that does not gate
 * and for warnings, `note` for an inconclusive check.
 */
import {createHash} from 'node:crypto';
import {isBlocking, type CheckResult, type Report, type ReportFinding, type SourceLocation, type TargetReport} from '../core/report.js';
import type {FindingKind, OwaspId, Severity} from '../core/types.js';
import {truncate} from '../core/text.js';
import {cleanText} from './escape.js';
import {presented} from './results.js';

export interface SarifOptions {
  /** Where results point when their target's report has no `source` (e.g. `shipcheck.yml` line 1). */
  readonly defaultLocation: SourceLocation;
  /**
   * The code scanning category (see sarifCategory), written as the run's `automationDetails.id`.
   * Absent: upload-sarif derives one from the workflow and job.
   */
  readonly category?: string;
}

/**
 * The category of a keyed or sharded run: `shipcheck/<key>`, `shipcheck/shard-2-of-3` or both.
 * Code scanning keeps one analysis per tool and category and commit, so each key and each shard
 * needs its own, or the last upload replaces the others (and GitHub refuses two runs of one
 * category in one upload). Undefined when there is neither: the default category then applies.
 */
export function sarifCategory(key: string | undefined, shard?: {readonly index: number; readonly count: number}): string | undefined {
  const parts = [...(key?.trim() ? [key.trim()] : []), ...(shard ? [`shard-${shard.index}-of-${shard.count}`] : [])];
  return parts.length > 0 ? ['shipcheck', ...parts].join('/') : undefined;
}

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://www.npmjs.com/package/shipcheck';
/** Bump when the fingerprint's inputs change: GitHub then treats every alert as new. */
const FINGERPRINT_KEY = 'shipcheckFinding/v1';
const MESSAGE_MAX = 1000;

const SECURITY_SEVERITY: Record<Severity, string> = {critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0'};

type SarifLevel = 'error' | 'warning' | 'note';

/** The rule's own level, from the check's severity; a result's level also weighs the user's policy. */
const DEFAULT_LEVEL: Record<Severity, SarifLevel> = {critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note'};

/** Notes (`info`) are not reported as results. */
type ReportedKind = Exclude<FindingKind, 'info'>;
const isReported = (f: ReportFinding): f is ReportFinding & {readonly kind: ReportedKind} => f.kind !== 'info';

/**
 * The findings a result reports, and as which level: a failure is an error only when it gates, an
 * inconclusive check is a note, not a defect.
 */
function findingLevel(kind: ReportedKind, r: CheckResult): SarifLevel {
  if (kind === 'fail') return isBlocking(r) ? 'error' : 'warning';
  if (kind === 'warn') return 'warning';
  return 'note';
}

/**
 * Plain-text SARIF messages may carry embedded links, `[text](uri)`, which viewers render: target
 * text has `\`, `[` and `]` escaped so it stays text (SARIF 2.1.0 §3.11.6).
 */
function plain(text: string, max = MESSAGE_MAX): string {
  return truncate(cleanText(text).replace(/\s+/g, ' ').trim(), max).replace(/[\\[\]]/g, '\\$&');
}

/** `x-content-type-options` → `XContentTypeOptions`: SARIF's `name` is an identifier, not a sentence. */
const pascal = (id: string): string => id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase());

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    // A saved report edited by hand: the URL itself is still stable across runs.
    return url;
  }
}

/** A page's URL: `/` is the target URL itself, other pages are paths on its origin. */
function pageUrl(target: TargetReport, page: string | undefined): string {
  if (page === undefined || page === '/') return target.url;
  try {
    return new URL(page, target.url).href;
  } catch {
    return target.url;
  }
}

const fingerprint = (parts: readonly string[]): string => createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);

/** A repository-relative path as a URI reference: forward slashes, each segment percent-encoded. */
const fileUri = (file: string): string => file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');

interface Group {
  readonly messageId: string;
  readonly page?: string;
  readonly level: SarifLevel;
  readonly messages: string[];
}

/** Failing findings grouped by message id and page, in report order; the worst level of a group wins. */
function groups(r: CheckResult): Group[] {
  const byKey = new Map<string, Group>();
  const reported = r.findings.filter(isReported);
  // A result that did not pass with no finding to show (a probe error without detail) still needs one.
  const kind: ReportedKind = r.status === 'warn' ? 'warn' : r.status === 'error' ? 'error' : 'fail';
  const list = reported.length > 0 ? reported : [{messageId: r.status, kind, message: r.title, evidence: {}}];
  const rank: SarifLevel[] = ['note', 'warning', 'error'];
  for (const f of list) {
    const level = findingLevel(f.kind, r);
    const key = JSON.stringify([f.messageId, f.page ?? '']);
    const g = byKey.get(key);
    if (!g) {
      byKey.set(key, {messageId: f.messageId, ...(f.page !== undefined ? {page: f.page} : {}), level, messages: [f.message]});
    } else {
      g.messages.push(f.message);
      if (rank.indexOf(level) > rank.indexOf(g.level)) byKey.set(key, {...g, level});
    }
  }
  return [...byKey.values()];
}

/** CodeQL's form, which code scanning shows as the alert's CWE: `external/cwe/cwe-079` (three digits at least). */
const cweTag = (n: number): string => `external/cwe/cwe-${String(n).padStart(3, '0')}`;

/** `A05:2021` → `owasp-a05:2021`. */
const owaspTag = (id: OwaspId): string => `owasp-${id.toLowerCase()}`;

function rule(r: CheckResult): object {
  // A report saved before checks carried their ids has none.
  const cwe = r.cwe ?? [];
  const owasp = r.owasp ?? [];
  return {
    id: r.id,
    name: pascal(r.id),
    shortDescription: {text: plain(r.title, 300)},
    fullDescription: {text: r.description},
    help: {text: r.remediation, markdown: r.remediation},
    defaultConfiguration: {level: DEFAULT_LEVEL[r.severity]},
    properties: {
      'security-severity': SECURITY_SEVERITY[r.severity],
      tags: ['security', r.family, ...cwe.map(cweTag), ...owasp.map(owaspTag)],
      precision: 'high',
      ...(cwe.length > 0 ? {cwe: cwe.map((n) => `CWE-${n}`)} : {}),
      ...(owasp.length > 0 ? {owasp} : {}),
    },
  };
}

function results(target: TargetReport, r: CheckResult, ruleIndex: number, fallback: SourceLocation): object[] {
  const source = target.source ?? fallback;
  const location = {physicalLocation: {artifactLocation: {uri: fileUri(source.file)}, region: {startLine: source.line}}};
  return groups(r).map((g) => {
    const url = pageUrl(target, g.page);
    const text = g.messages.join(' · ');
    return {
      ruleId: r.id,
      ruleIndex,
      level: g.level,
      message: {text: `${plain(url, 300)}: ${plain(text)}`},
      locations: [location],
      partialFingerprints: {[FINGERPRINT_KEY]: fingerprint([origin(target.url), r.id, g.messageId, g.page ?? ''])},
      ...(r.baseline ? {baselineState: r.baseline === 'new' ? 'new' : 'unchanged'} : {}),
      ...(r.waiver && !r.waiver.expired
        ? {suppressions: [{kind: 'external', status: 'accepted', justification: plain(`${r.waiver.reason} (until ${r.waiver.expires})`)}]}
        : {}),
      properties: {
        target: target.url,
        ...(g.page !== undefined ? {page: g.page} : {}),
        url,
        status: r.status,
        severity: r.severity,
        blocking: isBlocking(r),
      },
    };
  });
}

/** The report as a SARIF 2.1.0 log: one run, rules for the checks that did not pass, one result per problem. */
export function formatSarif(report: Report, options: SarifOptions): string {
  const rules: object[] = [];
  const ruleIndex = new Map<string, number>();
  const out: object[] = [];
  for (const target of report.targets) {
    for (const r of target.results) {
      const shown = presented(r);
      if (shown === 'pass' || shown === 'skipped') continue;
      let index = ruleIndex.get(r.id);
      if (index === undefined) {
        index = rules.push(rule(r)) - 1;
        ruleIndex.set(r.id, index);
      }
      out.push(...results(target, r, index, options.defaultLocation));
    }
  }
  // The tool could not do its job there: a notification on the run, not an alert on the code.
  const notifications = report.targets.flatMap((t) => [
    ...(t.unreachable ? [{level: 'error', message: {text: `${plain(t.url, 300)} could not be reached: ${plain(t.unreachable.message)}`}}] : []),
    ...(t.notJudged !== undefined ? [{level: 'error', message: {text: `${plain(t.url, 300)} was not judged: ${plain(t.notJudged)}`}}] : []),
  ]);
  const started = Date.parse(report.startedAt);
  // A hand-edited report may carry no valid date; the run then simply has no times.
  const times = Number.isFinite(started)
    ? {startTimeUtc: new Date(started).toISOString(), endTimeUtc: new Date(started + report.durationMs).toISOString()}
    : {};
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {name: 'shipcheck', version: report.tool.version, semanticVersion: report.tool.version, informationUri: INFORMATION_URI, rules},
        },
        // runAutomationDetails: the id is "category/instance"; ending in "/" it names the category alone.
        ...(options.category === undefined ? {} : {automationDetails: {id: `${options.category}/`}}),
        invocations: [
          {
            executionSuccessful: true,
            ...times,
            ...(notifications.length > 0 ? {toolExecutionNotifications: notifications} : {}),
          },
        ],
        results: out,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
