import type {Report} from '../core/report.js';

/** The report as the versioned JSON contract (schemaVersion 1). */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
