/** `shipcheck checks info <id>` as one Markdown document, which the command renders for the terminal. */
import {stackFix} from '../core/check.js';
import {OWASP_TOP10, type AnyCheck, type ArtifactName, type Stack} from '../core/types.js';
import {defaultLevel} from '../engine/policy.js';

/** What a check is, why it matters, how to fix it, what it is an instance of, what it gathers, and its options. */
export function checkInfoMarkdown(check: AnyCheck, gathers: (artifact: ArtifactName) => string): string {
  const {meta} = check;
  const gates = defaultLevel(meta.severity) === 'error' ? 'gates the run by default' : 'warns by default (it does not gate the run)';
  const {fixes} = meta;
  // AnyCheck erases the options type to `any`; a check's options are an object (`Check<A, O extends object>`).
  const options = Object.entries(check.defaultOptions as object);
  return [
    `# ${meta.id}: ${meta.title}`,
    `Family **${meta.family}**, severity **${meta.severity}**: ${gates}. When it fails: ${meta.failureTitle}.`,
    '',
    '## Why it matters',
    meta.description,
    '',
    '## How to fix',
    fixes.generic,
    ...Object.entries(fixes.stacks).map(([stack, line]) => `- ${stackFix(stack as Stack, line)}`),
    ...(fixes.note === undefined ? [] : [fixes.note]),
    '',
    '## Weaknesses',
    ...meta.cwe.map((n) => `- [CWE-${n}](https://cwe.mitre.org/data/definitions/${n}.html)`),
    ...meta.owasp.map((id) => `- OWASP Top 10 ${id} ${OWASP_TOP10[id]}`),
    '',
    '## What it gathers',
    // AnyCheck erases the artifact names too; they are the registry's (test/registry.test.ts).
    ...(meta.requiredArtifacts as readonly ArtifactName[]).map((artifact) => `- ${gathers(artifact)}`),
    ...(options.length === 0 ? [] : ['', '## Options (defaults)', ...options.map(([key, value]) => `- \`${key}\`: \`${JSON.stringify(value)}\``)]),
  ].join('\n');
}
