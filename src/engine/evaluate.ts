import {formatMessage, remediationText} from '../core/check.js';
import {truncate} from '../core/text.js';
import type {CheckResult, ReportFinding} from '../core/report.js';
import {
  isProbeError,
  type AnyCheck,
  type ArtifactName,
  type Artifacts,
  type CheckOutcome,
  type FindingData,
  type Level,
  type ProbeErrorCode,
  type TargetInfo,
} from '../core/types.js';

/** Artifacts gathered by handshakes, not pages: a rejected certificate does not qualify their verdicts. */
const TLS_ARTIFACTS: ReadonlySet<string> = new Set(['TlsScan', 'TlsCertificate']);

/** Evidence strings are capped: a target can put megabytes in one header. */
export const MAX_EVIDENCE = 300;
const MAX_MESSAGE = 1000;
/** Findings kept per result; the rest are counted in one note. */
export const MAX_FINDINGS = 50;

export interface Policy {
  readonly level: Level;
  readonly options: object;
}

function cleanData(data: FindingData | undefined, redact: (s: string) => string): FindingData {
  const out: FindingData = {};
  for (const [k, v] of Object.entries(data ?? {})) out[k] = typeof v === 'string' ? truncate(redact(v), MAX_EVIDENCE, {count: true}) : v;
  return out;
}

/**
 * The artifacts a check declared, or why it cannot run: a probe error (the check is `error`), or an
 * artifact that does not apply to this target (the check is `skipped`, with the probe's hint).
 */
function inputs(
  required: readonly ArtifactName[],
  artifacts: Artifacts,
): {ok: Record<string, unknown>} | {missing: string; code?: ProbeErrorCode} | {skip: string} {
  const ok: Record<string, unknown> = {};
  for (const name of required) {
    const value = artifacts[name];
    if (value === undefined) return {missing: `${name} was not gathered`};
    if (isProbeError(value))
      return value.code === 'not-applicable' ? {skip: value.message} : {missing: `${name}: ${value.message}`, code: value.code};
    ok[name] = value;
  }
  return {ok};
}

/** The check's verdict, or why it has none. */
function runCheck(
  check: AnyCheck,
  artifacts: Record<string, unknown>,
  options: object,
  target: TargetInfo,
): {outcome: CheckOutcome} | {reason: string} {
  try {
    return {outcome: check.run(artifacts, options, target)};
  } catch (error) {
    return {reason: `the check crashed: ${error instanceof Error ? error.message : String(error)}`};
  }
}

/** What every result of a check carries, whatever its status. */
export function resultBase(
  check: AnyCheck,
  policy: Policy,
): Pick<CheckResult, 'id' | 'family' | 'level' | 'severity' | 'cwe' | 'owasp' | 'description' | 'remediation' | 'fixes'> {
  const {meta} = check;
  return {
    id: meta.id,
    family: meta.family,
    level: policy.level,
    severity: meta.severity,
    cwe: meta.cwe,
    owasp: meta.owasp,
    description: meta.description,
    remediation: remediationText(meta.fixes),
    fixes: meta.fixes,
  };
}

/**
 * Runs one check on the artifacts it declared. A missing artifact or a throwing check becomes an
 * `error` result with the reason: a verdict is never a guess.
 */
export function evaluateCheck(
  check: AnyCheck,
  policy: Policy,
  artifacts: Artifacts,
  target: TargetInfo,
  redact: (s: string) => string,
  certificateRejected?: string,
): CheckResult {
  const {meta} = check;
  // AnyCheck erases the artifact names to `any`; every check declares names of the ArtifactMap.
  const required = meta.requiredArtifacts as readonly ArtifactName[];
  const got = inputs(required, artifacts);
  const base = resultBase(check, policy);
  if ('skip' in got)
    return {
      ...base,
      status: 'skipped',
      title: meta.title,
      findings: [{messageId: 'not-applicable', kind: 'info', message: truncate(redact(got.skip), MAX_MESSAGE, {count: true}), evidence: {}}],
    };
  const ran = 'missing' in got ? {reason: got.missing} : runCheck(check, got.ok, policy.options, target);
  if ('reason' in ran) {
    const message = truncate(redact(ran.reason), MAX_MESSAGE, {count: true});
    // The probe's error code lets a reader tell one cause shared by many checks (the console says it once).
    const code = 'missing' in got ? got.code : undefined;
    const evidence = code === undefined ? {} : {code};
    return {...base, status: 'error', title: meta.failureTitle, findings: [{messageId: 'probe-error', kind: 'error', message, evidence}]};
  }
  const {outcome} = ran;
  const all = outcome.findings;
  const cap = meta.maxFindings ?? MAX_FINDINGS;
  const findings: ReportFinding[] = all.slice(0, cap).map((f) => {
    const evidence = cleanData(f.data, redact);
    const template = (meta.messages as Record<string, string>)[f.messageId] ?? f.messageId;
    return {
      messageId: f.messageId,
      kind: f.kind,
      message: truncate(formatMessage(template, evidence), MAX_MESSAGE, {count: true}),
      ...(f.page === undefined ? {} : {page: truncate(redact(f.page), MAX_EVIDENCE)}),
      evidence,
    };
  });
  if (all.length > cap) findings.push({messageId: 'truncated', kind: 'info', message: `${all.length - cap} more findings not shown`, evidence: {}});
  // A verdict on pages fetched over a certificate browsers reject says so (the TLS checks judge the certificate itself).
  if (certificateRejected !== undefined && required.some((a) => !TLS_ARTIFACTS.has(a))) {
    const message = truncate(
      redact(`Judged over a connection whose certificate browsers reject (${certificateRejected}); no credentials were sent.`),
      MAX_MESSAGE,
      {count: true},
    );
    findings.push({messageId: 'certificate-rejected', kind: 'info', message, evidence: {}});
  }
  const {status} = outcome;
  return {...base, status, title: status === 'pass' ? meta.title : meta.failureTitle, findings};
}
