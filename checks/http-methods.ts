import {defineCheck, fail, inconclusive, info, outcome, warn} from '../src/core/check.js';
import type {Exchange, Finding, HttpResponse} from '../src/core/types.js';
import {SIGNATURE_WINDOW, TRACE_MARKER_HEADER} from '../src/lib/exposed-files.js';
import {headerValue} from '../src/lib/headers.js';
import {inconclusiveReason, redirectedAway} from '../src/lib/inconclusive.js';

/** Methods that change content (RFC 9110 and WebDAV, RFC 4918): no page of a site should offer them on `/`. */
const WRITE_METHODS: ReadonlySet<string> = new Set(['PUT', 'DELETE', 'PATCH', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK']);

/** Our marker header as the server echoed it: the name, then the 16 random hex digits sent. */
const ECHOED_MARKER = new RegExp(`^${TRACE_MARKER_HEADER}:[ \\t]*[0-9a-f]{16}\\b`, 'im');

/**
 * The answer to judge, or why there is none. A plain 501 Not Implemented is an answer (the method is
 * refused), not a crash; a challenge page sent with 501 is still the WAF's, not the site's. A
 * redirect to another origin is not a refusal: the method was never put to the site it points at.
 */
function answerOf(exchange: Exchange): {response: HttpResponse} | {reason: string} {
  const res = exchange.response;
  if (!res) return {reason: exchange.error?.message ?? 'no response'};
  const why = inconclusiveReason(res) ?? redirectedAway(res);
  return why && !(why.code === 'http-5xx' && res.status === 501) ? {reason: why.message} : {response: res};
}

/** The write methods a method-list header names, upper-cased. */
function writeMethods(value: string | undefined): string[] {
  const methods = (value ?? '').split(',').map((m) => m.trim().toUpperCase());
  return [...new Set(methods.filter((m) => WRITE_METHODS.has(m)))];
}

function judgeTrace(trace: Exchange): Finding<Id>[] {
  const answer = answerOf(trace);
  if ('reason' in answer) return [inconclusive('trace-unavailable', {reason: answer.reason})];
  const {status, body} = answer.response;
  // 405, 501, 403, 404 …: the method is refused, which is the goal.
  if (status < 200 || status >= 300) return [];
  return ECHOED_MARKER.test(body.slice(0, SIGNATURE_WINDOW)) ? [fail('trace-echo', {status})] : [warn('trace-enabled', {status})];
}

function judgeOptions(options: Exchange): Finding<Id>[] {
  const answer = answerOf(options);
  if ('reason' in answer) return [inconclusive('options-unavailable', {reason: answer.reason})];
  const allowed = writeMethods(headerValue(answer.response, 'allow'));
  const cors = writeMethods(headerValue(answer.response, 'access-control-allow-methods'));
  return [
    ...(allowed.length > 0 ? [warn('methods-advertised', {methods: allowed.join(', ')})] : []),
    ...(cors.length > 0 ? [info('cors-methods', {methods: cors.join(', ')})] : []),
  ];
}

const messages = {
  'trace-echo': 'TRACE / answers HTTP {{status}} and echoes the request headers back (Cross-Site Tracing).',
  'trace-enabled': 'TRACE / answers HTTP {{status}}; it did not echo the request, but the method should be refused (405).',
  'methods-advertised': 'OPTIONS / advertises {{methods}} in Allow (read, not tried: shipcheck never sends them).',
  'cors-methods': 'OPTIONS / lists {{methods}} in Access-Control-Allow-Methods; the cors check judges which origins may use them.',
  'trace-unavailable': 'TRACE / could not be judged: {{reason}}.',
  'options-unavailable': 'OPTIONS / could not be judged: {{reason}}.',
} as const;
type Id = keyof typeof messages;

export default defineCheck({
  meta: {
    id: 'http-methods',
    family: 'exposure',
    title: 'TRACE is refused and no write methods are offered',
    failureTitle: 'TRACE or write methods are enabled',
    description:
      'A server that answers `TRACE` echoes the request back, headers included, so a script that can send one reads cookies and `Authorization` values marked HttpOnly (Cross-Site Tracing). An `Allow` header listing `PUT` or `DELETE` on a plain site usually means WebDAV or a default left on. Only `TRACE` and `OPTIONS` are sent: write methods are read from `Allow`, never tried. [OWASP](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/06-Test_HTTP_Methods)',
    fixes: {
      generic: 'Refuse TRACE. Turn off WebDAV where nothing uploads and drop write methods from a hand-written `Allow`.',
      stacks: {
        apache: '`TraceEnable off`, and `Dav Off` where nothing uploads',
        nginx: 'refuses TRACE already (405), also in front of an app',
        iis: 'request filtering `<verb verb="TRACE" allowed="false" />`, and remove the WebDAV module',
        node: 'answer 405 to methods no route handles',
      },
    },
    severity: 'medium',
    cwe: [749],
    owasp: ['A05:2021'],
    requiredArtifacts: ['MethodProbes'],
    messages,
  },
  defaultOptions: {},
  run({MethodProbes}) {
    const findings = [...judgeTrace(MethodProbes.trace), ...judgeOptions(MethodProbes.options)];
    // An echo is the verdict: OPTIONS could add a warning at most, so its failure changes nothing.
    return outcome(findings.some((f) => f.kind === 'fail') ? findings.filter((f) => f.kind !== 'error') : findings);
  },
});
