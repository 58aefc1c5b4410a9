/**
 * Reading a config file: YAML (JSON is read as YAML too) → the schema in config-schema.ts → a
 * normalized Config. A file with problems is one ConfigError that names them all, in document
 * order, one line each: `file:line:col: key.path: problem`.
 */
import {dirname, isAbsolute, relative, resolve} from 'node:path';
import {isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document, type ErrorCode} from 'yaml';
import type {z} from 'zod';
import {CHECKS} from '../../checks/index.js';
import {HEADER_VALUE} from '../core/target.js';
import {configSchema, type Preset, type RawConfig} from './config-schema.js';
import {ConfigError, ShipcheckError} from '../core/errors.js';
import {MiB, readCaFile, readInputFile} from '../core/files.js';
import {parseAuthPath, type AuthEndpointSpec} from '../core/target.js';
import type {SourceLocation} from '../core/report.js';
import type {WaiverConfig} from './waivers.js';
import type {AnyCheck, Level, TlsProfile} from '../core/types.js';
import type {Selector} from './policy.js';

export interface TargetConfig {
  /** The http(s) URL to scan. */
  readonly url: string;
  /** Where to test the HTTP→HTTPS redirect from, when not the same host over http://. */
  readonly httpUrl?: string | undefined;
  /** More pages the header, cookie, CORS and disclosure checks judge. */
  readonly paths: readonly string[];
  /** Sent to this target's origin only, `${VAR}`s already read from the environment. Secret. */
  readonly headers: Readonly<Record<string, string>>;
  readonly apiPaths: readonly string[];
  readonly rateLimitPaths: readonly string[];
  readonly authEndpoints: readonly AuthEndpointSpec[];
  /** Absolute path of this target's OpenAPI document. */
  readonly openapi?: string | undefined;
  /** Origins this target's CORS allow-list means to admit, when the config names any. */
  readonly trustedOrigins?: readonly string[] | undefined;
  /** The config line that names this target, when the file is inside the working folder (for SARIF). */
  readonly source?: SourceLocation | undefined;
}

export interface CheckSetting {
  readonly level: Level;
  /** Present in the `[level, {options}]` form; merged over the preset's options. */
  readonly options?: Readonly<Record<string, unknown>> | undefined;
}

/** A config as read: an optional key the file leaves out is undefined. */
export interface Config {
  readonly preset: Preset;
  readonly targets: readonly TargetConfig[];
  /** By check id; every id is one of the registry's. */
  readonly checks: Readonly<Record<string, CheckSetting>>;
  readonly only?: readonly Selector[] | undefined;
  readonly skip?: readonly Selector[] | undefined;
  /** Overall deadline per target, ms. */
  readonly timeout?: number | undefined;
  /** Targets scanned at once. */
  readonly concurrency?: number | undefined;
  /** Deadline per request, ms. */
  readonly requestTimeout?: number | undefined;
  /** Absolute path of a PEM file of extra CA certificates. */
  readonly caFile?: string | undefined;
  /** The Mozilla profile TLS is judged against. */
  readonly tlsProfile?: TlsProfile | undefined;
  /** Requests per rate-limit burst. */
  readonly burst?: number | undefined;
  /** Name of the environment variable holding the auth positive-control header. */
  readonly authCredentialsEnv?: string | undefined;
  /** Methods of the OpenAPI operations that may be sent. */
  readonly openapiMethods?: readonly string[] | undefined;
  /** Origins every target's CORS allow-list means to admit. */
  readonly trustedOrigins?: readonly string[] | undefined;
  readonly waivers: readonly WaiverConfig[];
}

/** Reads, validates and normalizes a config file; resolves `${VAR}`s from `env`. */
export async function loadConfig(file: string, checks: readonly AnyCheck[] = CHECKS, env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const shown = shownPath(file);
  let text: string;
  try {
    // `shown` is relative to the working folder, which is where a relative path is read from anyway.
    text = await readInputFile(shown, 'config file', MAX_CONFIG_BYTES);
  } catch (error) {
    throw error instanceof ShipcheckError ? new ConfigError(error.message) : error;
  }
  const {config, source} = read(text, shown, checks, env);
  if (config.caFile !== undefined) {
    // Read once here so that a wrong path (or a file without a certificate) is reported at its line in the config, not mid-scan.
    try {
      await readCaFile(config.caFile, 'CA file');
    } catch (error) {
      throw error instanceof ShipcheckError ? source.error(['caFile'], error.message) : error;
    }
  }
  return config;
}

/**
 * A config file's size cap: a hand-written config is a few KiB, a generated fleet of 2,000 targets
 * with a few paths each some 200 KiB. YAML parsing costs about 60 bytes of memory per byte of text
 * (measured: a 4 MiB file of 48,000 waivers took 2.8 s and 350 MB peak), so the cap is also what
 * bounds the parse; a 15.7 MB file of 200,000 waivers took 1.17 GB before the cap.
 */
export const MAX_CONFIG_BYTES = 4 * MiB;

/** Validates and normalizes config text; `fileName` is used in messages and to resolve `caFile`. */
export function parseConfig(text: string, fileName: string, checks: readonly AnyCheck[], env: NodeJS.ProcessEnv = process.env): Config {
  return read(text, fileName, checks, env).config;
}

/** The yaml library's reasons that name its own API rather than the user's mistake. */
const SYNTAX_REASONS: Partial<Record<ErrorCode, string>> = {
  MULTIPLE_DOCS: 'a config file holds one YAML document; remove the second "---"',
};

function read(text: string, file: string, checks: readonly AnyCheck[], env: NodeJS.ProcessEnv) {
  const lines = new LineCounter();
  const doc = parseDocument(text, {lineCounter: lines, prettyErrors: false});
  const source = new Source(file, doc, lines);
  if (doc.errors.length > 0)
    throw allOf(doc.errors.map((syntax) => new ConfigError(`${source.at(syntax.pos[0])}: ${SYNTAX_REASONS[syntax.code] ?? syntax.message}`)));
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // toJS refuses alias bombs (by default more than 100 alias expansions).
    throw new ConfigError(`${source.at(0)}: ${(error as Error).message}`);
  }
  // An empty file (or one of only comments) is a config that changes nothing.
  const result = configSchema(checks).safeParse(data ?? {}, {error: wording});
  if (!result.success) {
    const found = result.error.issues.flatMap((issue) => problems(issue)).sort((a, b) => source.offset(a) - source.offset(b));
    throw allOf(found.map((problem) => source.error(problem.path, problem.message, problem)));
  }
  const unset: ConfigError[] = [];
  const config = normalize(result.data, file, source, env, unset);
  if (unset.length > 0) throw allOf(unset);
  return {config, source};
}

/** The most problems one error lists: enough to fix a file in one go, short of burying the terminal. */
export const MAX_PROBLEMS = 20;

/**
 * Every problem found, in document order, as one ConfigError of one line each (the first
 * MAX_PROBLEMS, then how many more), with the first one's code: all of them are fixed in one go.
 */
function allOf(errors: readonly ConfigError[]): ConfigError {
  const lines = [...new Set(errors.map((e) => e.message))];
  const more = lines.length - MAX_PROBLEMS;
  const shown = more > 0 ? [...lines.slice(0, MAX_PROBLEMS), `… and ${more} more problem${more === 1 ? '' : 's'}`] : lines;
  return new ConfigError(shown.join('\n'), errors[0]?.code === 'E_UNKNOWN_CHECK' ? 'E_UNKNOWN_CHECK' : 'E_CONFIG');
}

interface Problem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  /** Point at the key rather than its value (an unknown or invalid key). */
  readonly atKey?: boolean;
  readonly code?: 'E_CONFIG' | 'E_UNKNOWN_CHECK';
}

/** A zod issue as the problems a user should see, with paths from the document root. */
function problems(issue: z.core.$ZodIssue, base: readonly PropertyKey[] = []): Problem[] {
  const path = [...base, ...issue.path];
  switch (issue.code) {
    case 'invalid_union': {
      // zod reports every option's issues. An option with an issue below the union's own path got
      // past the input's outer shape (a list, a mapping): that is the form the user meant.
      const meant = issue.errors.find((option) => option.some((i) => i.path.length > 0));
      return meant ? meant.filter((i) => i.path.length > 0).flatMap((i) => problems(i, path)) : [{path, message: issue.message}];
    }
    case 'unrecognized_keys':
      // Keys come in document order; the first is the one to report.
      return [
        {
          path: [...path, ...issue.keys.slice(0, 1)],
          message: issue.message,
          atKey: true,
          code: path.length === 1 && path[0] === 'checks' ? 'E_UNKNOWN_CHECK' : 'E_CONFIG',
        },
      ];
    case 'invalid_key':
      return [{path, message: issue.issues[0]?.message ?? issue.message, atKey: true}];
    default:
      return [{path, message: issue.message}];
  }
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
  tuple: 'a list',
};

/** What a value is, without showing it: a mistyped value may be a secret. */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number' && !Number.isInteger(value)) return 'a fraction';
  return TYPE_NAMES[typeof value] ?? typeof value;
}

/** Wording for zod's generic issues; the specific messages set in config-schema.ts take precedence. */
const wording: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${typeName(issue.input)}`;
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v));
      return `expected ${values.slice(0, -1).join(', ')}${values.length > 1 ? ' or ' : ''}${values.at(-1)}`;
    }
    case 'too_small':
      if (issue.origin === 'number') return `must be at least ${issue.minimum}`;
      return issue.minimum === 1 ? 'must not be empty' : `must have at least ${issue.minimum} items`;
    case 'too_big':
      return issue.origin === 'number' ? `must be at most ${issue.maximum}` : `must have at most ${issue.maximum} items`;
    default:
      return undefined;
  }
};

/** `checks.csp[1].allowUnsafeEval`, `targets[0].headers["X Bad"]`. */
function keyPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (!/^[A-Za-z_$][\w$-]*$/.test(name)) return `[${JSON.stringify(name)}]`;
      return i === 0 ? name : `.${name}`;
    })
    .join('');
}

/** A parsed config document that can say where a key path is. */
class Source {
  constructor(
    private readonly file: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /** Where the node at `path` starts (its key, with `atKey`); the nearest present ancestor when it is absent. */
  offset({path, atKey = false}: Pick<Problem, 'path' | 'atKey'>): number {
    let node: unknown = this.doc.contents;
    let offset = start(node) ?? 0;
    for (const [i, key] of path.entries()) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
        if (!pair) break;
        if (atKey && i === path.length - 1) return start(pair.key) ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
      } else {
        break;
      }
      offset = start(node) ?? offset;
    }
    return offset;
  }

  /** The 1-based line where the node at `path` starts. */
  line(path: readonly PropertyKey[]): number {
    return this.lines.linePos(this.offset({path})).line;
  }

  /** `file:line:col` of an offset. */
  at(offset: number): string {
    const {line, col} = this.lines.linePos(offset);
    return `${this.file}:${line}:${col}`;
  }

  error(path: readonly PropertyKey[], message: string, {atKey = false, code = 'E_CONFIG'}: Pick<Problem, 'atKey' | 'code'> = {}): ConfigError {
    const where = this.at(this.offset({path, atKey}));
    return new ConfigError(path.length === 0 ? `${where}: ${message}` : `${where}: ${keyPath(path)}: ${message}`, code);
  }
}

function start(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}

/** `${NAME}` in a header value. */
const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Header values with `${VAR}`s read from `env` now, so that a missing secret fails before any
 * request; each variable that cannot be used is added to `unset`, so that all are named at once.
 */
function interpolate(value: string, path: readonly PropertyKey[], source: Source, env: NodeJS.ProcessEnv, unset: ConfigError[]): string {
  return value.replace(VARIABLE, (_, name: string) => {
    const resolved = env[name];
    // CI passes an unset secret as an empty string; scanning without it would judge the anonymous pages.
    if (!resolved) unset.push(source.error(path, `environment variable ${name} is not set or empty`));
    else if (!HEADER_VALUE.test(resolved)) unset.push(source.error(path, `environment variable ${name} contains a line break`));
    else return resolved;
    return '';
  });
}

function normalize(raw: RawConfig, file: string, source: Source, env: NodeJS.ProcessEnv, unset: ConfigError[]): Config {
  return {
    preset: raw.preset,
    targets: (raw.targets ?? []).map((target, i): TargetConfig => {
      // A repository-relative anchor: the path as shown is relative only inside the working folder.
      const at = isAbsolute(file) ? {} : {source: {file: file.replace(/\\/g, '/'), line: source.line(['targets', i])}};
      if (typeof target === 'string') return {url: target, paths: [], headers: {}, apiPaths: [], rateLimitPaths: [], authEndpoints: [], ...at};
      const headers = Object.entries(target.headers ?? {}).map(([name, value]): [string, string] => [
        name,
        interpolate(value, ['targets', i, 'headers', name], source, env, unset),
      ]);
      return {
        url: target.url,
        httpUrl: target.httpUrl,
        paths: target.paths ?? [],
        headers: Object.fromEntries(headers),
        apiPaths: target.apiPaths ?? [],
        rateLimitPaths: target.rateLimitPaths ?? [],
        authEndpoints: (target.authPaths ?? []).map((a) =>
          typeof a === 'string' ? parseAuthPath(a) : {...parseAuthPath(a.path), ...a, method: a.method ?? 'GET', refusal: a.refusal ?? [401, 403]},
        ),
        ...(target.trustedOrigins ? {trustedOrigins: target.trustedOrigins} : {}),
        ...(target.openapi === undefined ? {} : {openapi: resolve(dirname(file), target.openapi)}),
        ...at,
      };
    }),
    checks: Object.fromEntries(
      Object.entries(raw.checks ?? {}).flatMap(([id, entry]): [string, CheckSetting][] => {
        if (entry === undefined) return []; // the type of an optional key; parsed data has no such entry
        return [[id, typeof entry === 'string' ? {level: entry} : {level: entry[0], options: entry[1]}]];
      }),
    ),
    only: raw.only,
    skip: raw.skip,
    timeout: raw.timeout,
    concurrency: raw.concurrency,
    requestTimeout: raw.requestTimeout,
    caFile: raw.caFile === undefined ? undefined : resolve(dirname(file), raw.caFile),
    tlsProfile: raw.tlsProfile,
    burst: raw.burst,
    authCredentialsEnv: raw.authCredentialsEnv,
    openapiMethods: raw.openapiMethods,
    trustedOrigins: raw.trustedOrigins,
    waivers: raw.waivers ?? [],
  };
}

/** The path as the user would type it: relative to the working folder when inside it. */
function shownPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}
