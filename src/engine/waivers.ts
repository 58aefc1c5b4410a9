/**
 * Waivers: accepted risks from the config. A live waiver keeps a failure from gating the run; an
 * expired one fails the run, so a risk is never accepted forever by forgetting about it.
 */
import type {TargetReport, Waiver} from '../core/report.js';

export interface WaiverConfig {
  readonly check: string;
  readonly target?: string | undefined;
  readonly path?: string | undefined;
  readonly reason: string;
  /** YYYY-MM-DD, the last day the waiver holds (UTC). */
  readonly expires: string;
}

/** `*` matches any run of characters; everything else is literal. */
function globMatches(glob: string, text: string): boolean {
  const pattern = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(text);
}

/** A waiver holds through the whole of its expiry day, UTC. */
export function isExpired(expires: string, now: Date): boolean {
  return now.getTime() >= Date.parse(`${expires}T00:00:00Z`) + 86_400_000;
}

function toWaiver(w: WaiverConfig, now: Date): Waiver {
  return {
    check: w.check,
    ...(w.target ? {target: w.target} : {}),
    ...(w.path ? {path: w.path} : {}),
    reason: w.reason,
    expires: w.expires,
    expired: isExpired(w.expires, now),
  };
}

/**
 * Attaches to each failing result the first waiver that covers it: same check, target URL matching
 * the glob, and (with a path glob) every finding on a matching page.
 */
export function applyWaivers(targets: readonly TargetReport[], waivers: readonly WaiverConfig[], now: Date): TargetReport[] {
  return targets.map((t) => ({
    ...t,
    results: t.results.map((r) => {
      if (r.status === 'pass' || r.status === 'skipped') return r;
      const w = waivers.find(
        ({check, target, path}) =>
          check === r.id &&
          (target === undefined || globMatches(target, t.url)) &&
          (path === undefined || r.findings.every((f) => globMatches(path, f.page ?? '/'))),
      );
      return w ? {...r, waiver: toWaiver(w, now)} : r;
    }),
  }));
}

/** Every configured waiver past its date, matched or not: each fails the run and is named in the report. */
export function expiredWaivers(waivers: readonly WaiverConfig[], now: Date): Waiver[] {
  return waivers.filter((w) => isExpired(w.expires, now)).map((w) => toWaiver(w, now));
}
