/**
 * The floors of ARCHITECTURE.md, enforced. Every `.ts` file under src/ and checks/ (tests excepted) is
 * read, its imports are taken from the syntax tree (static `import … from`, `export … from`, `import x =
 * require()`, dynamic `import()` and `import('…')` types; type-only imports count, since a type from a
 * higher floor is the same dependency), and each relative import becomes an edge between floor folders.
 *
 * Floors, top to bottom: commands | action → cli → engine → probes | checks | github → lib | formatters →
 * demo → core. An import stays in its folder or goes to a lower floor; siblings on one floor do not import
 * each other. On top of that: the Action never imports cli or commands (its bundle stays oclif-free), only
 * the demo command uses src/demo, only cli and commands import @oclif/core, only github imports
 * @octokit/rest, and the folders form no cycle.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {join, posix, sep} from 'node:path';
import {describe, expect, it} from '@jest/globals';
import ts from 'typescript';

/** Floor folders from the top down; a folder may import its own files and any folder on a lower floor. */
const FLOORS: readonly (readonly string[])[] = [
  ['src/commands', 'src/action'],
  ['src/cli'],
  ['src/engine'],
  ['src/probes', 'checks', 'src/github'],
  ['src/lib', 'src/formatters'],
  // The demo server: only the demo command starts it, and it is built from the model alone.
  ['src/demo'],
  ['src/core'],
];

/** Bare specifiers that only some folders may import: what each one would drag in elsewhere. */
const GUARDED_PACKAGES: readonly {name: string; only: readonly string[]; why: string}[] = [
  {name: '@oclif/core', only: ['src/cli', 'src/commands'], why: 'the engine and the Action bundle stay oclif-free'},
  {name: '@octokit/rest', only: ['src/github'], why: 'github/ is the only code that talks to GitHub'},
];

const floorIndex = new Map(FLOORS.flatMap((floor, i) => floor.map((folder) => [folder, i] as const)));

/** The floor folder a repository path belongs to (`src/lib/tls/x.ts` → `src/lib`), or undefined. */
function folderOf(path: string): string | undefined {
  const parts = path.split('/');
  if (parts[0] === 'checks' && parts.length > 1) return 'checks';
  if (parts[0] === 'src' && parts.length > 2) return `src/${parts[1]}`;
  return undefined;
}

/** Why an import from folder `from` into folder `to` breaks the floors, or undefined when it is allowed. */
function edgeViolation(from: string, to: string): string | undefined {
  if (from === to) return undefined;
  const f = floorIndex.get(from);
  const t = floorIndex.get(to);
  if (f === undefined) return `${from} is on no floor (add it to ARCHITECTURE.md and this test)`;
  if (t === undefined) return `${to} is on no floor (add it to ARCHITECTURE.md and this test)`;
  if (from === 'src/core') return 'src/core imports nothing else of ours';
  if (from === 'src/action' && (to === 'src/cli' || to === 'src/commands')) return 'the Action bundle must stay oclif-free';
  if (to === 'src/demo' && from !== 'src/commands') return 'only the demo command uses src/demo';
  if (t === f) return `${from} and ${to} are siblings on one floor`;
  if (t < f) return `${to} is on a higher floor than ${from}`;
  return undefined;
}

/** Why `folder` may not import the bare specifier `specifier`, or undefined. */
function packageViolation(folder: string | undefined, specifier: string): string | undefined {
  for (const {name, only, why} of GUARDED_PACKAGES) {
    const hit = specifier === name || specifier.startsWith(`${name}/`);
    if (hit && (folder === undefined || !only.includes(folder))) return `only ${only.join(' and ')} import ${name}: ${why}`;
  }
  return undefined;
}

/** The cycles a depth-first walk meets, one per edge back into its path (`a → b → a`); empty when acyclic. */
function folderCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (node: string): void => {
    const at = onPath.indexOf(node);
    if (at >= 0) {
      cycles.push([...onPath.slice(at), node]);
      return;
    }
    if (done.has(node)) return;
    onPath.push(node);
    for (const next of [...(edges.get(node) ?? [])].sort()) visit(next);
    onPath.pop();
    done.add(node);
  };
  for (const node of [...edges.keys()].sort()) visit(node);
  return cycles;
}

interface ImportRef {
  /** Repository path of the importing file, with forward slashes. */
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
  readonly kind: 'static' | 're-export' | 'dynamic' | 'type' | 'require';
}

/** Every module specifier in `text`, from the syntax tree (comments and strings never count). */
function importsOf(file: string, text: string): ImportRef[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: ImportRef[] = [];
  const add = (node: ts.Node, literal: ts.Node | undefined, kind: ImportRef['kind']): void => {
    if (literal === undefined || !ts.isStringLiteralLike(literal)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({file, line, specifier: literal.text, kind});
  };
  const walk = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier, 'static');
    else if (ts.isExportDeclaration(node)) add(node, node.moduleSpecifier, 're-export');
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, 'require');
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0], 'dynamic');
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal, 'type');
    ts.forEachChild(node, walk);
  };
  walk(source);
  return found;
}

/** The repository path a relative specifier points at (`.js` as written, `.ts` on disk), or undefined for a bare one. */
function resolveRelative(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  return posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.js$/, '.ts');
}

interface Violation {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
  readonly reason: string;
}

/** Floor, core and package violations of a set of imports; `imports` come from files under src/ and checks/. */
function violationsOf(imports: readonly ImportRef[]): Violation[] {
  const out: Violation[] = [];
  for (const ref of imports) {
    const from = folderOf(ref.file);
    const target = resolveRelative(ref.file, ref.specifier);
    const report = (reason: string): void => void out.push({file: ref.file, line: ref.line, specifier: ref.specifier, reason});
    if (target === undefined) {
      const reason = packageViolation(from, ref.specifier);
      if (reason !== undefined) report(reason);
      continue;
    }
    const to = folderOf(target);
    if (from === undefined) report(`${ref.file} is on no floor (add its folder to ARCHITECTURE.md and this test)`);
    else if (to === undefined) report(`${target} is outside src/ and checks/, which is all the build ships`);
    else {
      const reason = edgeViolation(from, to);
      if (reason !== undefined) report(reason);
    }
  }
  return out;
}

/** Folder → folders it imports (relative imports between two floor folders only). */
function folderGraph(imports: readonly ImportRef[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const ref of imports) {
    const from = folderOf(ref.file);
    const target = resolveRelative(ref.file, ref.specifier);
    const to = target === undefined ? undefined : folderOf(target);
    if (from === undefined || to === undefined || from === to) continue;
    let set = graph.get(from);
    if (set === undefined) graph.set(from, (set = new Set()));
    set.add(to);
  }
  return graph;
}

const format = (v: Violation): string => `${v.file}:${v.line} imports '${v.specifier}': ${v.reason}`;

// --- the rules themselves, on hand-made cases, so that a bug here cannot turn the real check green ---

describe('the floor rules', () => {
  it.each([
    ['src/commands', 'src/cli'],
    ['src/commands', 'src/engine'],
    ['src/commands', 'src/demo'],
    ['src/commands', 'src/core'],
    ['src/action', 'src/engine'],
    ['src/action', 'src/github'],
    ['src/action', 'src/formatters'],
    ['src/cli', 'src/engine'],
    ['src/engine', 'src/probes'],
    ['src/engine', 'checks'],
    ['src/engine', 'src/github'],
    ['src/engine', 'src/lib'],
    ['src/github', 'src/formatters'],
    ['src/github', 'src/lib'],
    ['checks', 'src/lib'],
    ['checks', 'src/core'],
    ['src/probes', 'src/lib'],
    ['src/lib', 'src/core'],
    ['src/formatters', 'src/core'],
    ['src/demo', 'src/core'],
    ['src/lib', 'src/lib'],
    ['src/core', 'src/core'],
  ])('%s may import %s', (from, to) => {
    expect(edgeViolation(from, to)).toBeUndefined();
  });

  it.each([
    ['src/cli', 'src/commands', 'higher floor'],
    ['src/engine', 'src/cli', 'higher floor'],
    ['src/lib', 'src/engine', 'higher floor'],
    ['src/core', 'src/lib', 'imports nothing else'],
    ['src/core', 'src/engine', 'imports nothing else'],
    ['src/formatters', 'src/github', 'higher floor'],
    ['src/probes', 'checks', 'siblings'],
    ['checks', 'src/probes', 'siblings'],
    ['checks', 'src/github', 'siblings'],
    ['src/github', 'src/probes', 'siblings'],
    ['src/lib', 'src/formatters', 'siblings'],
    ['src/formatters', 'src/lib', 'siblings'],
    ['src/commands', 'src/action', 'siblings'],
    ['src/action', 'src/commands', 'oclif-free'],
    ['src/action', 'src/cli', 'oclif-free'],
    ['src/engine', 'src/demo', 'only the demo command'],
    ['src/action', 'src/demo', 'only the demo command'],
    ['src/demo', 'src/lib', 'higher floor'],
    ['src/demo', 'src/engine', 'higher floor'],
    ['src/engine', 'src/nowhere', 'on no floor'],
    ['src/nowhere', 'src/core', 'on no floor'],
  ])('%s may not import %s (%s)', (from, to, why) => {
    expect(edgeViolation(from, to)).toContain(why);
  });

  it('maps files to their floor folder', () => {
    expect(folderOf('src/lib/tls/wire.ts')).toBe('src/lib');
    expect(folderOf('src/commands/checks/info.ts')).toBe('src/commands');
    expect(folderOf('checks/hsts.ts')).toBe('checks');
    expect(folderOf('src/index.ts')).toBeUndefined();
    expect(folderOf('test/helpers/cli.ts')).toBeUndefined();
  });

  it('finds static, re-exported, dynamic, type and require imports, and nothing in comments or strings', () => {
    const text = [
      "import {a} from './a.js';",
      "import type {B} from '../lib/b.js';",
      "import './side-effect.js';",
      'import {',
      '  c,',
      "} from '../engine/c.js';",
      "export * from '../probes/d.js';",
      "export {e} from './e.js';",
      "const f = await import('../cli/f.js');",
      "type G = import('../github/g.js').G;",
      "import h = require('../formatters/h.js');",
      "// import {x} from '../engine/comment.js';",
      'const s = "import {y} from \'../engine/string.js\'";',
      "import {Command} from '@oclif/core';",
    ].join('\n');
    expect(importsOf('src/core/x.ts', text).map((r) => [r.line, r.kind, r.specifier])).toEqual([
      [1, 'static', './a.js'],
      [2, 'static', '../lib/b.js'],
      [3, 'static', './side-effect.js'],
      [4, 'static', '../engine/c.js'],
      [7, 're-export', '../probes/d.js'],
      [8, 're-export', './e.js'],
      [9, 'dynamic', '../cli/f.js'],
      [10, 'type', '../github/g.js'],
      [11, 'require', '../formatters/h.js'],
      [14, 'static', '@oclif/core'],
    ]);
  });

  it('names the file, line, import and reason of each violation', () => {
    const refs = importsOf('src/engine/run.ts', "import {flags} from '../cli/flags.js';\nimport {Command} from '@oclif/core/lib/command.js';\n");
    expect(violationsOf(refs).map(format)).toEqual([
      "src/engine/run.ts:1 imports '../cli/flags.js': src/cli is on a higher floor than src/engine",
      "src/engine/run.ts:2 imports '@oclif/core/lib/command.js': only src/cli and src/commands import @oclif/core: the engine and the Action bundle stay oclif-free",
    ]);
    expect(violationsOf(importsOf('src/cli/flags.ts', "import {Flags} from '@oclif/core';"))).toEqual([]);
    expect(violationsOf(importsOf('src/action/run.ts', "import {x} from '../../test/helpers/x.js';")).map((v) => v.reason)).toEqual([
      'test/helpers/x.ts is outside src/ and checks/, which is all the build ships',
    ]);
    expect(violationsOf(importsOf('src/probes/x.ts', "import {Octokit} from '@octokit/rest';")).map((v) => v.reason)).toEqual([
      'only src/github import @octokit/rest: github/ is the only code that talks to GitHub',
    ]);
  });

  it('finds a cycle between folders and none in a tree', () => {
    const graph = (pairs: [string, string][]): Map<string, Set<string>> => {
      const g = new Map<string, Set<string>>();
      for (const [a, b] of pairs) g.set(a, new Set([...(g.get(a) ?? []), b]));
      return g;
    };
    expect(
      folderCycles(
        graph([
          ['a', 'b'],
          ['b', 'c'],
          ['a', 'c'],
        ]),
      ),
    ).toEqual([]);
    expect(
      folderCycles(
        graph([
          ['a', 'b'],
          ['b', 'c'],
          ['c', 'a'],
          ['c', 'd'],
        ]),
      ),
    ).toEqual([['a', 'b', 'c', 'a']]);
    expect(
      folderCycles(
        graph([
          ['src/lib', 'src/formatters'],
          ['src/formatters', 'src/lib'],
        ]),
      ),
    ).toEqual([['src/formatters', 'src/lib', 'src/formatters']]);
  });
});

// --- the real tree ---

const ROOT = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), {recursive: true, encoding: 'utf8'})
    .map((name) => posix.join(dir, name.split(sep).join('/')))
    .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.endsWith('.d.ts'))
    .sort();
}

const files = [...sourceFiles('src'), ...sourceFiles('checks')];
const imports = files.flatMap((file) => importsOf(file, readFileSync(join(ROOT, file), 'utf8')));

describe('the source tree', () => {
  it('is read: every floor folder has files, and their imports were found', () => {
    expect(FLOORS.flat().filter((folder) => !files.some((f) => folderOf(f) === folder))).toEqual([]);
    expect(imports.filter((r) => r.specifier.startsWith('.')).length).toBeGreaterThan(100);
  });

  it('puts every file on a floor', () => {
    expect(files.filter((f) => folderOf(f) === undefined || !floorIndex.has(folderOf(f) ?? ''))).toEqual([]);
  });

  it('keeps src/core free of imports from the rest of our code', () => {
    const outOfCore = imports.filter((r) => {
      const target = resolveRelative(r.file, r.specifier);
      return folderOf(r.file) === 'src/core' && target !== undefined && folderOf(target) !== 'src/core';
    });
    expect(outOfCore.map((r) => `${r.file}:${r.line} imports '${r.specifier}'`)).toEqual([]);
  });

  it('imports only down a floor, never from a sibling or upwards, and only the allowed packages', () => {
    expect(violationsOf(imports).map(format)).toEqual([]);
  });

  it('has no cycle between folders', () => {
    const graph = folderGraph(imports);
    const example = (from: string, to: string): string => {
      const ref = imports.find((r) => folderOf(r.file) === from && folderOf(resolveRelative(r.file, r.specifier) ?? '') === to);
      return ref === undefined ? '' : ` (${ref.file}:${ref.line} imports '${ref.specifier}')`;
    };
    const cycles = folderCycles(graph).map((cycle) =>
      cycle
        .slice(1)
        .map((to, i) => `${cycle[i] ?? ''} → ${to}${example(cycle[i] ?? '', to)}`)
        .join(', '),
    );
    expect(cycles).toEqual([]);
  });
});
