import check from './csp.js';
import {answer, hardened, pages, probeError, TARGET, type HeaderChanges} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const csp = (value: string | string[] | undefined, more: HeaderChanges = {}) => ({
  Pages: pages(hardened({'content-security-policy': value, ...more})),
});
/** The hardening every case keeps unless it is the thing being changed. */
const REST = "object-src 'none'; base-uri 'none'";

checkTester.run(check, {
  pass: [
    {name: 'the hardened baseline passes', artifacts: {Pages: pages(hardened())}},
    {
      name: "'unsafe-inline' beside a nonce is ignored by browsers",
      artifacts: csp(`script-src 'nonce-r4nd0m' 'unsafe-inline'; ${REST}`),
    },
    {
      name: "'unsafe-inline' beside a hash is ignored by browsers",
      artifacts: csp(`script-src 'sha256-B2yPHKaXnvFWtRChIbabYmUBFZdVfKKXHbWtWidDVF8=' 'unsafe-inline'; ${REST}`),
    },
    {
      name: "'strict-dynamic' with a nonce makes scheme and inline fallbacks ignored",
      artifacts: csp(`script-src 'nonce-r4nd0m' 'strict-dynamic' https: http: 'unsafe-inline'; ${REST}`),
    },
    {
      name: "default-src 'none' also blocks plugins",
      artifacts: csp("default-src 'none'; script-src 'self'; base-uri 'self'"),
    },
    {
      name: 'directive names and keywords are case-insensitive',
      artifacts: csp("DEFAULT-SRC 'NONE'; Script-Src 'Self'; BASE-URI 'none'"),
    },
    {
      name: "default-src 'self' restricts plugins when object-src is absent, as CSP Evaluator rules",
      artifacts: csp("default-src 'self'; base-uri 'none'"),
    },
    {
      name: 'an empty object-src matches nothing, so it restricts plugins',
      artifacts: csp("script-src 'self'; object-src; base-uri 'none'"),
    },
    {
      name: 'an allowlist policy needs no base-uri: the other host a <base> points to is not allowed',
      artifacts: csp("script-src 'self' https://cdn.example.com; object-src 'none'"),
    },
    {
      name: "a hash-based policy without 'strict-dynamic' needs no base-uri: hashes match inline scripts",
      artifacts: csp("script-src 'sha256-B2yPHKaXnvFWtRChIbabYmUBFZdVfKKXHbWtWidDVF8='; object-src 'none'"),
    },
    {
      name: 'one policy restricting plugins through default-src is enough among several',
      artifacts: csp(["default-src 'self'", "script-src 'self'; base-uri 'none'"]),
      messageIds: ['multiple-policies'],
    },
    {name: 'a host allowlist is accepted', artifacts: csp(`script-src 'self' https://cdn.example.com *.example.net; ${REST}`)},
    {name: 'frame-ancestors is left to the frame-options check', artifacts: csp(`script-src 'self'; ${REST}; frame-ancestors *`)},
    {
      name: "'unsafe-eval' is accepted when the options allow it",
      artifacts: csp(`script-src 'self' 'unsafe-eval'; ${REST}`),
      options: {allowUnsafeEval: true},
    },
    {
      name: 'a report-only policy beside an enforced one changes nothing',
      artifacts: csp(`script-src 'self'; ${REST}`, {'content-security-policy-report-only': "default-src 'none'"}),
    },
    {
      name: 'a second header closes what the first leaves open, with a note that both apply',
      artifacts: csp(['default-src * data:', `script-src 'self'; ${REST}`]),
      messageIds: ['multiple-policies'],
    },
    {
      name: 'a comma in one header starts a second policy',
      artifacts: csp(`script-src 'self'; ${REST}, script-src 'unsafe-inline'`),
      messageIds: ['multiple-policies'],
    },
  ],
  warn: [
    {name: "'unsafe-eval' is a warning", artifacts: csp(`script-src 'self' 'unsafe-eval'; ${REST}`), messageIds: ['unsafe-eval']},
    {
      name: "'unsafe-eval' inherited from default-src is a warning too",
      artifacts: csp(`default-src 'self' 'unsafe-eval'; ${REST}`),
      messageIds: ['unsafe-eval'],
    },
    {
      name: "'strict-dynamic' without a nonce or hash is misconfigured",
      artifacts: csp(`script-src 'self' 'strict-dynamic'; ${REST}`),
      messageIds: ['strict-dynamic-without-nonce'],
    },
    {
      name: 'a nonce-based policy without base-uri is a warning: a <base> tag redirects nonce-trusted scripts',
      artifacts: csp("script-src 'nonce-r4nd0m'; object-src 'none'"),
      messageIds: ['base-uri-missing'],
    },
    {
      name: 'a nonce inherited from default-src needs base-uri too',
      artifacts: csp("default-src 'nonce-r4nd0m'"),
      messageIds: ['base-uri-missing'],
    },
    {
      name: "a hash-based policy with 'strict-dynamic' without base-uri is a warning",
      artifacts: csp("script-src 'sha256-B2yPHKaXnvFWtRChIbabYmUBFZdVfKKXHbWtWidDVF8=' 'strict-dynamic'; object-src 'none'"),
      messageIds: ['base-uri-missing'],
    },
    {
      name: 'a page answered by a 5xx beside a judged one is listed as not judged',
      artifacts: {Pages: pages(hardened(), {path: '/login', error: probeError('http-5xx', 'answered 502')})},
      messageIds: ['page-not-judged'],
      page: '/login',
    },
    {
      name: 'a repeated directive is reported, and only its first occurrence counts',
      artifacts: csp(`script-src 'self'; script-src 'unsafe-inline' *; ${REST}`),
      messageIds: ['duplicate-directive'],
    },
    {
      name: 'a plain-HTTP source is a warning outside script-src',
      artifacts: csp(`script-src 'self'; img-src 'self' http://img.example.com; connect-src http:; ${REST}`),
      messageIds: ['insecure-source'],
    },
  ],
  fail: [
    {name: 'the header is absent', artifacts: csp(undefined), messageIds: ['missing']},
    {name: 'the header holds no directive', artifacts: csp(' ; '), messageIds: ['missing']},
    {
      name: 'a report-only policy alone blocks nothing',
      artifacts: csp(undefined, {'content-security-policy-report-only': `script-src 'self'; ${REST}`}),
      messageIds: ['report-only'],
    },
    {
      name: 'no directive governs scripts',
      artifacts: csp(`img-src 'self'; ${REST}`),
      messageIds: ['script-src-missing'],
    },
    {
      name: 'script-src-elem alone leaves event handlers and eval ungoverned',
      artifacts: csp(`script-src-elem 'self'; ${REST}`),
      messageIds: ['script-src-missing'],
    },
    {
      name: "'unsafe-inline' without a nonce or hash lets injected scripts run",
      artifacts: csp(`default-src 'self'; script-src 'self' 'unsafe-inline'; ${REST}`),
      messageIds: ['unsafe-inline'],
    },
    {
      name: "'unsafe-inline' in script-src-attr lets injected event handlers run",
      artifacts: csp(`script-src 'nonce-r4nd0m'; script-src-attr 'unsafe-inline'; ${REST}`),
      messageIds: ['unsafe-inline'],
    },
    {
      name: 'the first of duplicate directives decides',
      artifacts: csp(`script-src 'unsafe-inline'; script-src 'nonce-r4nd0m'; ${REST}`),
      messageIds: ['unsafe-inline', 'duplicate-directive'],
    },
    {
      name: 'a weakness every policy shares is reported',
      artifacts: csp([`script-src 'self' 'unsafe-inline'; ${REST}`, "default-src 'unsafe-inline'"]),
      messageIds: ['unsafe-inline', 'multiple-policies'],
    },
    {name: 'https: in script-src admits any host', artifacts: csp(`script-src 'self' https:; ${REST}`), messageIds: ['permissive-script-source']},
    {name: 'data: in script-src admits inline data', artifacts: csp(`script-src 'self' data:; ${REST}`), messageIds: ['permissive-script-source']},
    {
      name: 'http: in script-src admits any host over plain HTTP',
      artifacts: csp(`script-src 'self' http:; ${REST}`),
      messageIds: ['permissive-script-source', 'insecure-source'],
    },
    {
      name: 'a wildcard in default-src reaches scripts through the fallback',
      artifacts: csp(`default-src *; ${REST}`),
      messageIds: ['permissive-script-source'],
    },
    {
      name: 'a wildcard host with a scheme admits any host',
      artifacts: csp(`script-src https://*; ${REST}`),
      messageIds: ['permissive-script-source'],
    },
    {
      name: "'strict-dynamic' without a nonce does not excuse a wildcard",
      artifacts: csp(`script-src 'strict-dynamic' *; ${REST}`),
      messageIds: ['permissive-script-source', 'strict-dynamic-without-nonce'],
    },
    {
      name: 'a wildcard object-src admits plugins from anywhere',
      artifacts: csp("script-src 'self'; object-src *; base-uri 'none'"),
      messageIds: ['permissive-object-source'],
    },
    {
      name: 'a wildcard default-src admits plugins through the fallback when object-src is absent',
      artifacts: csp("default-src *; script-src 'self'; base-uri 'none'"),
      messageIds: ['permissive-object-source'],
    },
    {
      name: 'data: in object-src admits plugin content from inline data',
      artifacts: csp("script-src 'self'; object-src data:; base-uri 'none'"),
      messageIds: ['permissive-object-source'],
    },
    {
      name: 'object-src and default-src both missing leave plugins open',
      artifacts: csp("script-src 'self'; base-uri 'none'"),
      messageIds: ['object-src-missing'],
    },
    {
      name: 'a missing base-uri fails under the strict options, even in an allowlist policy',
      artifacts: csp("script-src 'self'; object-src 'none'"),
      options: {requireBaseUri: true},
      messageIds: ['base-uri-missing'],
    },
    {
      name: 'a missing base-uri in a nonce-based policy fails under the strict options',
      artifacts: csp("script-src 'nonce-r4nd0m'; object-src 'none'"),
      options: check.strictOptions,
      messageIds: ['base-uri-missing'],
    },
    {
      name: 'a second page without a policy is named',
      artifacts: {Pages: pages(hardened(), {path: '/admin', response: hardened({'content-security-policy': undefined})})},
      messageIds: ['missing'],
      page: '/admin',
    },
  ],
  error: [
    {
      name: 'no page could be judged, so the check is inconclusive, not a pass',
      artifacts: {Pages: [{path: '/', url: TARGET.url, response: answer(502, 'bad gateway'), error: probeError('http-5xx', 'answered 502')}]},
      messageIds: ['page-unavailable'],
      page: '/',
    },
  ],
});
