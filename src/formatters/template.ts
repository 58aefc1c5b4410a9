/**
 * Layout lives in `templates/` with `{{name}}` placeholders; what fills them (and all escaping) is
 * built in TypeScript. Reading a template is the only I/O a formatter does, once per file.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {templatesDir} from '../core/paths.js';

const cache = new Map<string, string>();

function load(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(templatesDir(), name), 'utf8');
    cache.set(name, text);
  }
  return text;
}

/**
 * The template with each `{{name}}` replaced by `values[name]`. One pass: a value that contains
 * `{{…}}` (target text, say) is never expanded. A placeholder without a value, or a value without a
 * placeholder, is a mismatch between template and code and throws.
 */
export function fillTemplate(name: string, values: Readonly<Record<string, string>>): string {
  const used = new Set<string>();
  const out = load(name).replace(/\{\{([a-zA-Z]+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`template ${name} has {{${key}}} but no value was given for it`);
    used.add(key);
    return value;
  });
  const unused = Object.keys(values).filter((k) => !used.has(k));
  if (unused.length > 0) throw new Error(`template ${name} has no placeholder for ${unused.join(', ')}`);
  return out;
}
