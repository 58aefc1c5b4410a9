import type {Report} from '../core/report.js';

/** `JSON.stringify(value, null, 2)` for a value nested `depth` levels deep in the document. */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replaceAll('\n', `\n${'  '.repeat(depth)}`);
}

/**
 * The report as the versioned JSON contract (schemaVersion 1), in pieces: the text is exactly
 * `JSON.stringify(report, null, 2)`, but each target is its own piece, so a fleet's report (2,000
 * targets make ~38 million characters) is written out without ever being one string.
 */
export function* jsonChunks(report: Report): Generator<string> {
  // As JSON.stringify: members whose value is undefined are left out.
  const members = Object.entries(report).filter(([, value]) => value !== undefined);
  yield '{';
  for (const [index, [key, value]] of members.entries()) {
    yield `${index === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `;
    if (key === 'targets' && Array.isArray(value) && value.length > 0) {
      for (const [i, target] of value.entries()) yield `${i === 0 ? '[' : ','}\n    ${nested(target, 2)}`;
      yield '\n  ]';
    } else yield nested(value, 1);
  }
  yield members.length === 0 ? '}\n' : '\n}\n';
}

/** The report as the versioned JSON contract (schemaVersion 1), as one string: for small reports and tests. */
export function formatJson(report: Report): string {
  return [...jsonChunks(report)].join('');
}
