/**
 * A small registry of stand-in checks for config and policy tests, so that they do not change
 * as real checks are added: one per severity band, with and without options.
 */
import {defineCheck, pass} from '../../src/core/check.js';
import type {AnyCheck, CheckOutcome, Family, Severity} from '../../src/core/types.js';

function fakeCheck(id: string, family: Family, severity: Severity, defaultOptions: object, strictOptions?: object): AnyCheck {
  return defineCheck({
    meta: {
      id,
      family,
      title: `${id} passes`,
      failureTitle: `${id} fails`,
      description: 'A stand-in.',
      fixes: {generic: 'None.', stacks: {}},
      severity,
      cwe: [693],
      owasp: ['A05:2021'],
      requiredArtifacts: ['Pages'],
      messages: {},
    },
    defaultOptions,
    ...(strictOptions ? {strictOptions} : {}),
    // No messages, so no ids: left to inference, pass() would widen its ids to string (and no longer compile).
    run: (): CheckOutcome<never> => pass(),
  });
}

export const FAKE_CHECKS: readonly AnyCheck[] = [
  fakeCheck('hsts', 'hsts', 'high', {minMaxAge: 15_768_000, requirePreload: false}, {minMaxAge: 31_536_000, requirePreload: true}),
  fakeCheck('csp', 'headers', 'medium', {allowUnsafeEval: false, allowedHosts: ['cdn.example.com']}, {allowedHosts: []}),
  fakeCheck('cors', 'cors', 'critical', {}),
  fakeCheck('server-banner', 'disclosure', 'low', {}),
  fakeCheck('security-txt', 'exposure', 'info', {}),
];
