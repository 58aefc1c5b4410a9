import {defineCheck, fail, info, outcome, warn} from '../src/core/check.js';
import type {Finding} from '../src/core/types.js';
import {
  effectiveDirective,
  hasKeyword,
  hasNonceOrHash,
  isInsecureSource,
  isUnrestrictedSource,
  parseCsp,
  takesSourceList,
  type CspDirective,
  type CspPolicy,
} from '../src/lib/csp.js';
import {headerValues} from '../src/lib/headers.js';
import {judgePages, PAGE_MESSAGES} from '../src/core/pages.js';

interface CspOptions {
  /** Accept 'unsafe-eval' without a warning, for apps whose framework compiles templates at run time. */
  readonly allowUnsafeEval: boolean;
  /**
   * Fail when base-uri is missing, whatever the policy (the strict preset: a `<base>` tag also
   * redirects relative links and forms). By default a missing base-uri is a warning, and only where a
   * `<base>` tag defeats the policy's script rules (see `needsBaseUri`).
   */
  readonly requireBaseUri: boolean;
}

const defaultOptions: CspOptions = {allowUnsafeEval: false, requireBaseUri: false};

const messages = {
  missing: 'The response enforces no Content-Security-Policy (the header is absent or holds no directive).',
  'report-only': 'Only Content-Security-Policy-Report-Only is set: it reports violations but blocks nothing.',
  'script-src-missing': 'No script-src or default-src governs {{contexts}}, so injected scripts there run unchecked.',
  'unsafe-inline': "{{directive}} allows 'unsafe-inline' without a nonce or hash, so any injected inline script runs.",
  'unsafe-eval': "{{directive}} allows 'unsafe-eval': strings that reach eval() or new Function() run as code.",
  'strict-dynamic-without-nonce':
    "{{directive}} has 'strict-dynamic' but no nonce or hash: CSP3 browsers then block every script while older ones use the allowlist, so the policy cannot be what was meant.",
  'permissive-script-source': '{{directive}} allows scripts from "{{source}}", which matches hosts or data an attacker controls.',
  'permissive-object-source': '{{directive}} allows plugin content from "{{source}}", which matches hosts or data an attacker controls.',
  'object-src-missing':
    "Neither object-src nor default-src is set, so <object> and <embed> may load plugin content from anywhere; set object-src 'none'.",
  'base-uri-missing':
    "base-uri is missing: an injected <base> tag can point the page's relative URLs to another host, those of scripts trusted by nonce or 'strict-dynamic' included.",
  'duplicate-directive': 'A policy repeats {{directives}}; browsers use the first occurrence and ignore the rest.',
  'insecure-source': 'The policy allows loads over plain HTTP ({{sources}}), which a network attacker can alter.',
  'multiple-policies': '{{count}} policies are enforced together; a load must satisfy every one of them, so the strictest decides.',
  ...PAGE_MESSAGES,
} as const;
type Id = keyof typeof messages;

/**
 * Where scripts run, each governed by its own CSP3 fallback list: `<script>` elements, inline event
 * handlers (`onerror=`), and eval() / new Function().
 */
const SCRIPT_CONTEXTS = ['script-src-elem', 'script-src-attr', 'script-src'] as const;

/**
 * What one policy leaves open: the finding naming the directive that opens it, `true` when no
 * directive governs it at all (reported once, as script-src-missing), or undefined when it is closed.
 */
type Opening = Finding<Id> | true | undefined;

/**
 * Every enforced policy must allow a load for it to happen, so a weakness is real only when each
 * policy leaves it open; the evidence comes from the first policy that names it.
 */
function openInEvery(policies: readonly CspPolicy[], open: (policy: CspPolicy) => Opening): Finding<Id> | undefined {
  let named: Finding<Id> | undefined;
  for (const policy of policies) {
    const opening = open(policy);
    if (opening === undefined) return undefined;
    if (opening !== true) named ??= opening;
  }
  return named;
}

function inlineScript(policy: CspPolicy): Opening {
  let unrestricted = false;
  for (const context of ['script-src-elem', 'script-src-attr']) {
    const directive = effectiveDirective(policy, context);
    if (!directive) unrestricted = true;
    else if (hasKeyword(directive, 'unsafe-inline') && !hasNonceOrHash(directive)) {
      return fail('unsafe-inline', {directive: directive.name});
    }
  }
  return unrestricted || undefined;
}

/**
 * With a nonce or hash beside it, 'strict-dynamic' makes CSP3 browsers ignore host and scheme
 * sources: they are only a fallback for browsers that predate it (Google's strict policy lists
 * `https: http:` for that reason).
 */
function ignoresAllowlist(directive: CspDirective): boolean {
  return hasKeyword(directive, 'strict-dynamic') && hasNonceOrHash(directive);
}

function scriptFromAnywhere(policy: CspPolicy): Opening {
  const directive = effectiveDirective(policy, 'script-src-elem');
  if (!directive) return true;
  if (ignoresAllowlist(directive)) return undefined;
  const source = directive.sources.find(isUnrestrictedSource);
  return source && fail('permissive-script-source', {directive: directive.name, source: source.text});
}

function evalOf(policy: CspPolicy): Opening {
  const directive = effectiveDirective(policy, 'script-src');
  if (!directive) return true;
  return hasKeyword(directive, 'unsafe-eval') ? warn('unsafe-eval', {directive: directive.name}) : undefined;
}

/**
 * Google's CSP Evaluator rule, which Lighthouse's csp-xss audit runs too: object-src governs plugins,
 * and default-src does when object-src is absent (checkMissingObjectSrcDirective); the list that
 * governs restricts them unless it holds `*` or a bare data:, http: or https: (checkWildcards and
 * checkPlainUrlSchemes on the effective object-src). So `default-src 'self'` restricts plugins and only
 * a policy with neither directive leaves them open. An empty list restricts too: CSP3 matches nothing
 * against it (https://www.w3.org/TR/CSP3/#match-url-to-source-list), where the evaluator's
 * `length >= 1` test would report it.
 */
function plugins(policy: CspPolicy): Opening {
  const directive = effectiveDirective(policy, 'object-src');
  if (!directive) return fail('object-src-missing');
  const source = directive.sources.find(isUnrestrictedSource);
  return source && fail('permissive-object-source', {directive: directive.name, source: source.text});
}

/**
 * Whether an injected `<base>` defeats the policy, as CSP Evaluator decides it
 * (checkMultipleMissingBaseUriDirective): a script trusted by nonce, or by hash with 'strict-dynamic',
 * runs from wherever its relative URL now points, while a host allowlist still blocks the other host.
 * The evaluator reads script-src; script-src-elem is what governs `<script src>` when it is set.
 */
function needsBaseUri(policy: CspPolicy): boolean {
  const directive = effectiveDirective(policy, 'script-src-elem');
  if (!directive) return false;
  const has = (kind: 'nonce' | 'hash'): boolean => directive.sources.some((s) => s.kind === kind);
  return has('nonce') || (has('hash') && hasKeyword(directive, 'strict-dynamic'));
}

function judgePolicies(policies: readonly CspPolicy[], options: CspOptions): Finding<Id>[] {
  const findings: Finding<Id>[] = [];
  const ungoverned = SCRIPT_CONTEXTS.filter((context) => policies.every((p) => !effectiveDirective(p, context)));
  if (ungoverned.length > 0) findings.push(fail('script-src-missing', {contexts: ungoverned.join(', ')}));

  const risks = [inlineScript, scriptFromAnywhere, plugins, ...(options.allowUnsafeEval ? [] : [evalOf])];
  for (const open of risks) {
    const finding = openInEvery(policies, open);
    if (finding) findings.push(finding);
  }
  if (policies.every((p) => !p.directives.has('base-uri'))) {
    if (options.requireBaseUri) findings.push(fail('base-uri-missing'));
    else if (policies.some(needsBaseUri)) findings.push(warn('base-uri-missing'));
  }

  // Misconfigurations are reported from any policy: each one is a mistake even where another policy covers for it.
  const misconfigured = policies
    .map((p) => effectiveDirective(p, 'script-src-elem'))
    .find((d) => d !== undefined && hasKeyword(d, 'strict-dynamic') && !hasNonceOrHash(d));
  if (misconfigured) findings.push(warn('strict-dynamic-without-nonce', {directive: misconfigured.name}));

  const duplicates = [...new Set(policies.flatMap((p) => p.duplicates))];
  if (duplicates.length > 0) findings.push(warn('duplicate-directive', {directives: duplicates.join(', ')}));

  const insecure = policies.flatMap((p) =>
    [...p.directives.values()]
      .filter((d) => takesSourceList(d.name) && !ignoresAllowlist(d))
      .flatMap((d) => d.sources.filter(isInsecureSource).map((s) => `${d.name} ${s.text}`)),
  );
  if (insecure.length > 0) findings.push(warn('insecure-source', {sources: insecure.join(', ')}));

  if (policies.length > 1) findings.push(info('multiple-policies', {count: policies.length}));
  return findings;
}

export default defineCheck({
  meta: {
    id: 'csp',
    family: 'headers',
    title: 'Content-Security-Policy restricts scripts and plugins',
    failureTitle: 'Content-Security-Policy does not stop injected scripts',
    description:
      "A Content-Security-Policy is the browser's second line against cross-site scripting: when markup is injected, a policy without `'unsafe-inline'`, wildcards or scheme-only script sources stops it from running. Plugins are judged as Google's CSP Evaluator (and Lighthouse) judge them: by `object-src`, or by `default-src` where it is absent. A missing `base-uri` is a warning only where an injected `<base>` defeats the policy, when scripts are trusted by nonce (or by hash with `'strict-dynamic'`), since a host allowlist still blocks the other host; `--preset strict` requires it whatever the policy. [MDN](https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy)",
    fixes: {
      generic:
        "Enforce (not report-only) a policy that names where scripts come from, e.g. `default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'`.",
      stacks: {
        nginx: "`add_header Content-Security-Policy \"default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'\" always;`",
        apache: "`Header always set Content-Security-Policy \"default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'\"`",
        express: "`app.use(helmet())` (its default policy sets `script-src 'self'`)",
      },
      note: "Replace `'unsafe-inline'` by a fresh `'nonce-…'` per response (with `'strict-dynamic'` if scripts load scripts), and drop `*`, `https:`, `http:` and `data:` from script-src and object-src.",
    },
    severity: 'high',
    cwe: [693, 79],
    owasp: ['A05:2021', 'A03:2021'],
    requiredArtifacts: ['Pages'],
    messages,
  },
  defaultOptions,
  strictOptions: {requireBaseUri: true},
  run({Pages}, options) {
    return outcome(
      judgePages(Pages, (response) => {
        const policies = parseCsp(headerValues(response, 'content-security-policy'));
        if (policies.length > 0) return judgePolicies(policies, options);
        const reportOnly = parseCsp(headerValues(response, 'content-security-policy-report-only'));
        return [fail(reportOnly.length > 0 ? 'report-only' : 'missing')];
      }),
    );
  },
});
