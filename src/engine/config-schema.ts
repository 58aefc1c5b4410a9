/**
 * What a config file may say: one zod schema, built from the check registry, that both validates
 * config files (config.ts) and becomes the JSON Schema editors use (`npm run schema`).
 */
import {z} from 'zod';
import {unknownCheckMessage} from '../core/errors.js';
import {HEADER_NAME, HEADER_VALUE, MAX_PATHS, MAX_TRUSTED_ORIGINS, PATH} from '../core/target.js';
import {LEVELS, TLS_PROFILES, type AnyCheck} from '../core/types.js';
import {readSelector} from './policy.js';

export const PRESETS = ['recommended', 'strict'] as const;
export type Preset = (typeof PRESETS)[number];

/** A mapping that refuses unknown keys; the message names the known ones, since a typo is the usual cause. */
function strict<T extends z.core.$ZodLooseShape>(
  shape: T,
  unknownKey: (key: string) => string = () => `unknown key; known keys: ${Object.keys(shape).join(', ')}`,
) {
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      const [key = ''] = issue.keys;
      return unknownKey(key);
    },
  });
}

/**
 * An absolute URL with one of these schemes. Credentials in a URL are refused: the URL is printed in
 * reports, logs and PR comments, while `headers` are secret and sent to the target's origin only.
 */
function webUrl(schemes: readonly ('http' | 'https')[]) {
  return (
    z
      .string()
      // Lower-case only: a regex flag would not survive into the JSON Schema's `pattern`.
      .regex(new RegExp(`^(?:${schemes.join('|')})://`), {
        error: `expected an absolute ${schemes.join(' or ')} URL`,
        abort: true,
      })
      .refine((value) => URL.canParse(value), {error: 'is not a valid URL', abort: true})
      .refine(
        (value) => {
          const {username, password} = new URL(value);
          return username === '' && password === '';
        },
        {error: 'must not contain credentials; send them with headers'},
      )
  );
}

const samePath = z.string().regex(PATH, {error: 'expected a path on the same host: "/…", without "//", spaces or backslashes'});

/** Waivers in one config: each is matched against every result of every target, and a thousand is far past any reviewed list of accepted risks. */
export const MAX_WAIVERS = 1000;

/** "must have at most 100 paths per target, got 130": the cap and the count, for a list that is too long. */
function atMost(max: number, noun: string) {
  return {
    error: (issue: {readonly input?: unknown}) =>
      `must have at most ${max} ${noun}${Array.isArray(issue.input) ? `, got ${issue.input.length.toLocaleString('en-US')}` : ''}`,
  };
}

/** A per-target list of paths: each costs requests, hence the same cap as the --path flags. */
function pathList<T extends z.ZodType>(item: T) {
  return z.array(item).max(MAX_PATHS, atMost(MAX_PATHS, 'paths per target'));
}

/**
 * An origin as the browser sends it in `Origin`: scheme, host and optional port, nothing after.
 * makeTarget normalizes it and holds it to the same rule.
 */
const origin = z
  .string()
  .regex(/^https?:\/\/[^/?#\s@]+$/, {error: 'expected an origin: scheme://host[:port], e.g. https://app.example.com, with no path', abort: true})
  .refine((value) => URL.canParse(value), {error: 'is not a valid origin'});

const trustedOrigins = z
  .array(origin)
  .max(MAX_TRUSTED_ORIGINS)
  .optional()
  .describe(
    `Origins the CORS allow-list means to admit (e.g. https://app.example.com, at most ${MAX_TRUSTED_ORIGINS}): the CORS check also tries their look-alikes.`,
  );

const authPath = z.union(
  [
    z.string().regex(/^(?:[A-Z]+ )?\/\S*$/, {error: 'expected "/path" or "METHOD /path"'}),
    strict({
      path: samePath,
      method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
      refusal: z.array(z.int().min(300).max(499)).min(1).optional().describe('Statuses that count as a refusal (default [401, 403]).'),
      loginUrl: z.string().min(1).optional().describe('A redirect here (URL or path) also counts as a refusal.'),
    }),
  ],
  {error: 'expected "/path", "METHOD /path" or a mapping with a path key'},
);

const target = z.union(
  [
    webUrl(['https', 'http']),
    strict({
      url: webUrl(['https', 'http']).describe('The URL to scan.'),
      httpUrl: webUrl(['http']).optional().describe('Where to test the HTTP→HTTPS redirect from (default: the same host over http://).'),
      paths: pathList(samePath)
        .optional()
        .describe(`More pages of this site for the header, cookie, CORS and disclosure checks to judge (at most ${MAX_PATHS}).`),
      headers: z
        .record(
          z.string().regex(HEADER_NAME, {error: 'is not a valid header name'}),
          z.string().regex(HEADER_VALUE, {error: 'must not contain a line break'}),
        )
        .optional()
        .describe("Request headers sent to this target's origin only. ${VAR} is read from the environment."),
      apiPaths: pathList(samePath)
        .optional()
        .describe(`JSON API endpoints: the error-disclosure check sends each one malformed JSON body (at most ${MAX_PATHS}).`),
      rateLimitPaths: pathList(samePath)
        .optional()
        .describe(`Endpoints that must rate-limit (e.g. /api/login): each gets one bounded burst of anonymous GETs (at most ${MAX_PATHS}).`),
      authPaths: pathList(authPath)
        .optional()
        .describe(`Endpoints that must refuse anonymous access: "/admin", "POST /api/users", or a mapping (at most ${MAX_PATHS}).`),
      openapi: z
        .string()
        .min(1)
        .optional()
        .describe("OpenAPI 3.0/3.1 document (YAML or JSON), relative to this file's folder: every secured operation must refuse anonymous requests."),
      trustedOrigins,
    }),
  ],
  {error: 'expected a URL or a mapping with a url key'},
);

/**
 * The schema of an option value: the JSON type of its default, an array's items typed like its
 * first item. Checks take only these types, so a user's value replaces the default whole.
 */
function optionValue(checkId: string, key: string, value: unknown): z.ZodType {
  if (Array.isArray(value)) return z.array(value.length === 0 ? z.unknown() : optionValue(checkId, key, value[0]));
  if (typeof value === 'number') return z.number();
  if (typeof value === 'string') return z.string();
  if (typeof value === 'boolean') return z.boolean();
  throw new Error(`check ${checkId}: option ${key} defaults to a ${typeof value}; options are numbers, strings, booleans or arrays`);
}

/** A check's entry: a level, or `[level, {options}]` with options of the same keys and types as its defaults. */
function checkEntry(check: AnyCheck) {
  const defaults = check.defaultOptions as Record<string, unknown>;
  const known = Object.keys(defaults);
  const options = strict(
    Object.fromEntries(known.map((key) => [key, optionValue(check.meta.id, key, defaults[key]).optional().meta({default: defaults[key]})])),
    () => (known.length === 0 ? 'unknown option; this check takes none' : `unknown option; known options: ${known.join(', ')}`),
  );
  const level = z.enum(LEVELS);
  return z.union([level, z.tuple([level, options])], {
    error: `expected ${LEVELS.map((l) => `"${l}"`).join(', ')} or [level, {options}]`,
  });
}

/** An `only`/`skip` item: a family, a check id, `owasp:A05` or `cwe:319` that selects a check (see readSelector), normalized. */
function selector(checks: readonly AnyCheck[]) {
  return z.string().transform((value, context) => {
    const read = readSelector(value, checks);
    if ('selector' in read) return read.selector;
    context.addIssue({code: 'custom', message: read.problem, input: value});
    return z.NEVER;
  });
}

/** The config file's schema for this registry of checks. */
export function configSchema(checks: readonly AnyCheck[]) {
  const ids = checks.map((check) => check.meta.id);
  return strict({
    $schema: z.string().optional().describe('The JSON Schema an editor checks this file against; shipcheck ignores it.'),
    preset: z
      .enum(PRESETS)
      .default('recommended')
      .describe('recommended: level from each check\'s severity, default options. strict: every check at "error", strict options.'),
    targets: z.array(target).optional().describe('What `shipcheck scan` scans when no URL is given.'),
    checks: strict(Object.fromEntries(checks.map((check) => [check.meta.id, checkEntry(check).optional().describe(check.meta.title)])), (id) =>
      unknownCheckMessage(id, ids),
    )
      .optional()
      .describe('Per check id: "error", "warn", "off", or [level, {options}]. Overrides the preset.'),
    only: z.array(selector(checks)).min(1).optional().describe('Run only these checks: families, check ids, owasp:A05 or cwe:319.'),
    skip: z.array(selector(checks)).optional().describe('Turn off these checks: families, check ids, owasp:A05 or cwe:319.'),
    timeout: z.int().min(1000).max(600_000).optional().describe('Overall deadline per target, in ms.'),
    concurrency: z.int().min(1).max(32).optional().describe('Targets scanned at once (default 4).'),
    requestTimeout: z.int().min(1000).max(600_000).optional().describe('Deadline per request, in ms.'),
    caFile: z.string().min(1).optional().describe("PEM file of extra CA certificates to trust, relative to this file's folder."),
    burst: z.int().min(1).max(500).optional().describe('Requests in each rate-limit burst (default 30, at most 500).'),
    trustedOrigins: trustedOrigins.describe("Origins every target's CORS allow-list means to admit, besides each target's own trustedOrigins."),
    authCredentialsEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .optional()
      .describe("Environment variable holding a header ('Name: value') that DOES grant access: the positive control of auth-required."),
    openapiMethods: z
      .array(z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE']))
      .min(1)
      .optional()
      .describe("Methods of the targets' OpenAPI operations that may be sent (default [GET, HEAD])."),
    tlsProfile: z.enum(TLS_PROFILES).optional().describe("Mozilla's server-side TLS profile the TLS checks judge against (default intermediate)."),
    waivers: z
      .array(
        strict({
          check: z.enum(ids, {error: (issue) => unknownCheckMessage(String(issue.input), ids)}).describe('The check id the waiver covers.'),
          target: z.string().min(1).optional().describe('A glob (* matches anything) over the target URL; every target when absent.'),
          path: z
            .string()
            .regex(/^\//, {error: 'expected a path glob starting with "/"'})
            .optional()
            .describe('A glob over the pages: the waiver covers the result only when every finding is on a matching page.'),
          reason: z.string().min(3).describe('Why the risk is accepted; shown in every report.'),
          expires: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, {error: 'expected a date as YYYY-MM-DD'})
            // A round trip, since Date.parse rolls 2027-02-30 over to March instead of refusing it.
            .refine(
              (d) => {
                const t = Date.parse(`${d}T00:00:00Z`);
                return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
              },
              {error: 'is not a real date'},
            )
            .describe('Last day (UTC) the waiver holds; after it the run fails until it is renewed or removed.'),
        }),
      )
      .max(MAX_WAIVERS, atMost(MAX_WAIVERS, 'waivers'))
      .optional()
      .describe(`Accepted risks: failures of these checks do not gate the run until the waiver expires (at most ${MAX_WAIVERS}).`),
  }).meta({title: 'shipcheck configuration'});
}

export type RawConfig = z.output<ReturnType<typeof configSchema>>;

/**
 * The JSON Schema of config files, for editors. draft-07: the newest draft that VS Code's JSON
 * support and yaml-language-server validate in full (later drafts only in part).
 */
export function configJsonSchema(checks: readonly AnyCheck[]): Record<string, unknown> {
  return z.toJSONSchema(configSchema(checks), {io: 'input', target: 'draft-07'});
}
