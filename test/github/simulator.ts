/**
 * A loopback stand-in for GitHub's REST API, for the operations shipcheck calls. Every request is
 * checked against GitHub's official OpenAPI description (openapi-ops.json, cut from
 * `@octokit/openapi` by scripts/extract-openapi.ts): an unknown method or path, a parameter the
 * operation does not take, or a body its schema rejects is answered as GitHub would (404, 400, 422)
 * and recorded in `violations`, which every test asserts is empty. The simulator's own answers are
 * checked against the documented response schemas the same way, so they keep GitHub's shapes.
 *
 * GraphQL is outside that description: `POST /graphql` (`/api/graphql` on an Enterprise server,
 * whose REST root is `/api/v3`) is checked by hand, a JSON object with a `query` string, and plays
 * the one query shipcheck sends, `query { viewer { login } }`, answering with `viewer`'s login.
 *
 * State (comments, issues, statuses) lives in memory; knobs reproduce GitHub's refusals with its
 * real messages and headers: a fork PR's read-only token, rate limits, a body too long.
 */
import {randomBytes} from 'node:crypto';
import {readFileSync} from 'node:fs';
import http from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import {Ajv, type ValidateFunction} from 'ajv';
import addFormats from 'ajv-formats';

const HOST = '127.0.0.1';
/** GitHub refuses comment and issue bodies longer than this (not in the OpenAPI description). */
export const GITHUB_MAX_BODY = 65_536;
const DOCS = 'https://docs.github.com/rest';
const GRAPHQL_DOCS = 'https://docs.github.com/graphql';
/** The one query the simulator answers, whitespace aside. */
const VIEWER_QUERY = /^\s*(?:query\s*)?\{\s*viewer\s*\{\s*login\s*\}\s*\}\s*$/;

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly schema: object;
}

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly parameters: readonly Parameter[];
  readonly requestBody: {readonly required: boolean; readonly schema: object} | null;
  readonly responses: Readonly<Record<string, object>>;
}

const FIXTURE = JSON.parse(readFileSync(new URL('./openapi-ops.json', import.meta.url), 'utf8')) as {
  operations: Record<string, Operation>;
};

export interface SimUser {
  readonly login: string;
  readonly id: number;
  readonly type: 'User' | 'Bot';
}

/** Who GITHUB_TOKEN writes as. */
export const ACTIONS_BOT: SimUser = {login: 'github-actions[bot]', id: 41898282, type: 'Bot'};
export const HUMAN: SimUser = {login: 'octocat', id: 583231, type: 'User'};

export interface SimComment {
  readonly id: number;
  readonly issueNumber: number;
  body: string;
  readonly user: SimUser;
  readonly createdAt: string;
  updatedAt: string;
}

export interface SimIssue {
  readonly number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: string | null;
  labels: string[];
  readonly user: SimUser;
  /** Set for pull requests, which GitHub also lists as issues. */
  readonly headSha?: string;
  readonly createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface SimStatus {
  readonly id: number;
  readonly sha: string;
  readonly state: string;
  readonly context: string;
  readonly description: string | null;
  readonly targetUrl: string | null;
}

export interface SimRequest {
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  /** The operationId it matched; undefined when none did. */
  readonly operation?: string;
  readonly body?: unknown;
  readonly status: number;
}

export interface Knobs {
  /** Writes answer 403 as for the read-only token of a pull request from a fork. */
  readOnly?: boolean;
  /** The next `count` requests answer this rate limit. */
  rateLimit?: {kind: 'secondary' | 'primary'; count: number; retryAfterSeconds?: number};
  /** Comment and issue bodies longer than this get GitHub's 422. Default 65,536. */
  maxBodyLength?: number;
  /** Requests get no answer at all until the client gives up. */
  stall?: boolean;
  /**
   * The viewer query fails: `forbidden` (403) and `not-found` (404) as the HTTP answers, `errors`
   * as a 200 whose body carries GraphQL errors and no data, `reset` as a connection closed unanswered.
   */
  graphql?: 'forbidden' | 'not-found' | 'errors' | 'reset';
}

export interface SimulatorOptions {
  /** Serve as GitHub Enterprise Server does: REST under `/api/v3`, GraphQL at `/api/graphql`. */
  readonly enterprise?: boolean;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const now = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

export class GitHubSimulator {
  readonly owner = 'shipcheck-test';
  readonly repo = 'preview-site';
  /** The token requests must carry (GitHub answers 401 to any other). */
  readonly token = `ghs_${randomBytes(18).toString('base64url')}`;
  knobs: Knobs = {};
  /** Who the token is: GraphQL `viewer`, and the author of what the token creates. */
  viewer: SimUser = ACTIONS_BOT;
  readonly requests: SimRequest[] = [];
  /** Requests (or our own answers) that GitHub's OpenAPI description rejects. */
  readonly violations: string[] = [];
  readonly issues: SimIssue[] = [];
  readonly comments: SimComment[] = [];
  readonly statuses: SimStatus[] = [];
  private nextId = 1_000_000;
  private readonly sockets = new Set<Socket>();
  private readonly routes: {id: string; op: Operation; pattern: RegExp; names: string[]}[];
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly ajv: Ajv;
  private readonly coercing: Ajv;

  /** The REST API root, for GITHUB_API_URL: the origin, or `origin/api/v3` for an Enterprise server. */
  readonly url: string;
  private readonly restPrefix: string;
  private readonly graphqlPath: string;

  /** The environment a GitHub Actions job pointed at this simulator has (overrides win). */
  actionsEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      GITHUB_ACTIONS: 'true',
      GITHUB_TOKEN: this.token,
      GITHUB_REPOSITORY: `${this.owner}/${this.repo}`,
      GITHUB_API_URL: this.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '4242',
      ...overrides,
    };
  }

  private constructor(
    private readonly server: http.Server,
    readonly origin: string,
    enterprise: boolean,
  ) {
    this.restPrefix = enterprise ? '/api/v3' : '';
    this.graphqlPath = enterprise ? '/api/graphql' : '/graphql';
    this.url = `${origin}${this.restPrefix}`;
    const options = {allErrors: true, strict: true, allowUnionTypes: true, validateFormats: true};
    // The plugin adds the formats to the instance it is given (its return type is ajv's core class, not Ajv).
    this.ajv = new Ajv(options);
    addFormats.default(this.ajv);
    // Path and query values arrive as strings: coerce them to the documented types before checking.
    this.coercing = new Ajv({...options, coerceTypes: true});
    addFormats.default(this.coercing);
    this.routes = Object.entries(FIXTURE.operations).map(([id, op]) => {
      const names: string[] = [];
      const source = op.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{(\w+)\\\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return {id, op, pattern: new RegExp(`^${source}$`), names};
    });
  }

  static async start(options: SimulatorOptions = {}): Promise<GitHubSimulator> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
    // Handlers go on before the port is handed out, so no connection can arrive before them.
    const sim = new GitHubSimulator(server, `http://${HOST}:${(server.address() as AddressInfo).port}`, options.enterprise ?? false);
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => void sim.handle(req, res));
    server.on('connection', (socket: Socket) => {
      sim.sockets.add(socket);
      socket.on('close', () => sim.sockets.delete(socket));
    });
    return sim;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A pull request (an issue with a head commit), as the event payload describes it. */
  addPullRequest(number: number, headSha: string): SimIssue {
    const pr: SimIssue = {...this.newIssue(number, `Pull request ${number}`, 'Adds a feature.', [], HUMAN), headSha};
    this.issues.push(pr);
    return pr;
  }

  addComment(issueNumber: number, body: string, user: SimUser = HUMAN): SimComment {
    const comment = {id: this.nextId++, issueNumber, body, user, createdAt: now(), updatedAt: now()};
    this.comments.push(comment);
    return comment;
  }

  addIssue(title: string, body: string, labels: string[], user: SimUser = ACTIONS_BOT): SimIssue {
    const issue = this.newIssue(this.nextNumber(), title, body, labels, user);
    this.issues.push(issue);
    return issue;
  }

  commentsOn(issueNumber: number): SimComment[] {
    return this.comments.filter((c) => c.issueNumber === issueNumber);
  }

  /** Requests that matched this operation, e.g. `issues/update-comment`. */
  calls(operation: string): SimRequest[] {
    return this.requests.filter((r) => r.operation === operation);
  }

  private nextNumber(): number {
    return Math.max(0, ...this.issues.map((i) => i.number)) + 1;
  }

  private newIssue(number: number, title: string, body: string, labels: string[], user: SimUser): SimIssue {
    return {number, title, body, state: 'open', stateReason: null, labels, user, createdAt: now(), updatedAt: now(), closedAt: null};
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.origin);
    const method = req.method ?? 'GET';
    if (url.pathname === this.graphqlPath) {
      this.graphql(method, raw, req, res);
      return;
    }
    const path = url.pathname.startsWith(`${this.restPrefix}/`) ? url.pathname.slice(this.restPrefix.length) : undefined;
    const route = path === undefined ? undefined : this.routes.find((r) => r.op.method === method && r.pattern.test(path));
    let body: unknown;
    let reply: Reply;
    if (!route) {
      this.violations.push(`${method} ${url.pathname}: no such operation in GitHub's OpenAPI description (of those shipcheck uses)`);
      reply = {status: 404, body: {message: 'Not Found', documentation_url: DOCS, status: '404'}};
    } else {
      try {
        body = raw === '' ? undefined : JSON.parse(raw);
        reply = this.answer(route, path!, url, body, req.headers);
      } catch {
        this.violations.push(`${method} ${url.pathname}: body is not JSON`);
        reply = {status: 400, body: {message: 'Problems parsing JSON', documentation_url: DOCS, status: '400'}};
      }
    }
    this.requests.push({
      method,
      url: req.url ?? '/',
      ...(route ? {operation: route.id} : {}),
      ...(body !== undefined ? {body} : {}),
      status: reply.status,
    });
    if (this.knobs.stall) return; // the socket stays open until the client aborts or close() ends it
    if (route) this.checkResponse(route.id, route.op, reply);
    send(res, reply, 'core');
  }

  /**
   * GraphQL, checked by hand (the OpenAPI description does not cover it): POST, a JSON object with
   * a `query` string (and optionally `variables` and `operationName`), the token; then the viewer
   * query, the only one shipcheck sends.
   */
  private graphql(method: string, raw: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    let body: unknown;
    const problems: string[] = [];
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      problems.push('body is not JSON');
    }
    if (method !== 'POST') problems.push(`GraphQL takes POST, not ${method}`);
    const request = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
    if (!request) problems.push('the body is not a JSON object');
    else {
      if (typeof request.query !== 'string') problems.push('the body has no "query" string');
      if (request.variables !== undefined && (typeof request.variables !== 'object' || request.variables === null))
        problems.push('"variables" is not an object');
      if (request.operationName !== undefined && typeof request.operationName !== 'string') problems.push('"operationName" is not a string');
      for (const key of Object.keys(request))
        if (!['query', 'variables', 'operationName'].includes(key)) problems.push(`body field "${key}" is not part of a GraphQL request`);
    }
    const auth = req.headers.authorization ?? '';
    let reply: Reply;
    if (problems.length > 0) {
      this.violations.push(...problems.map((p) => `${method} ${this.graphqlPath}: ${p}`));
      reply = {status: 400, body: {message: 'Problems parsing JSON', documentation_url: GRAPHQL_DOCS}};
    } else if (auth !== `token ${this.token}` && auth !== `bearer ${this.token}` && auth !== `Bearer ${this.token}`) {
      reply = {
        status: 401,
        body: {message: auth ? 'Bad credentials' : 'This endpoint requires you to be authenticated.', documentation_url: GRAPHQL_DOCS},
      };
    } else if (!VIEWER_QUERY.test(String(request!.query))) {
      this.violations.push(
        `POST ${this.graphqlPath}: the simulator plays only \`query { viewer { login } }\`, not ${JSON.stringify(request!.query)}`,
      );
      reply = {status: 200, body: {errors: [{message: 'The simulator does not play this query'}]}};
    } else if (this.knobs.graphql === 'forbidden') {
      reply = {status: 403, body: {message: 'Resource not accessible by integration', documentation_url: GRAPHQL_DOCS}};
    } else if (this.knobs.graphql === 'not-found') {
      reply = {status: 404, body: {message: 'Not Found', documentation_url: GRAPHQL_DOCS}};
    } else if (this.knobs.graphql === 'errors') {
      reply = {status: 200, body: {data: null, errors: [{type: 'FORBIDDEN', path: ['viewer'], message: 'Resource not accessible by integration'}]}};
    } else {
      reply = {status: 200, body: {data: {viewer: {login: this.viewer.login}}}};
    }
    this.requests.push({method, url: req.url ?? '/', operation: 'graphql', ...(body !== undefined ? {body} : {}), status: reply.status});
    if (this.knobs.stall) return;
    if (this.knobs.graphql === 'reset' && reply.status === 200) {
      req.socket.destroy();
      return;
    }
    send(res, reply, 'graphql');
  }

  /** Checks the request against the operation's description, then plays GitHub. */
  private answer(route: GitHubSimulator['routes'][number], path: string, url: URL, body: unknown, headers: http.IncomingHttpHeaders): Reply {
    const {id, op} = route;
    const where = `${op.method} ${op.path} (${id})`;
    const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(route.pattern.exec(path)![i + 1]!)]));
    const query = Object.fromEntries(url.searchParams);
    const problems = [
      ...this.check(`${id}:path`, this.coercing, paramSchema(op, 'path'), params),
      ...this.check(`${id}:query`, this.coercing, paramSchema(op, 'query'), query),
      ...(op.requestBody ? this.checkBody(id, op, body) : body === undefined ? [] : ['the operation takes no body']),
    ];
    if (problems.length > 0) {
      this.violations.push(...problems.map((p) => `${where}: ${p}`));
      return {status: 422, body: {message: `Invalid request.\n\n${problems.join('\n')}`, documentation_url: DOCS, status: '422'}};
    }
    const auth = headers.authorization ?? '';
    if (auth !== `token ${this.token}` && auth !== `Bearer ${this.token}`)
      return {status: 401, body: {message: auth ? 'Bad credentials' : 'Requires authentication', documentation_url: DOCS, status: '401'}};
    if (params.owner !== this.owner || params.repo !== this.repo) return notFound(id);
    const limit = this.knobs.rateLimit;
    if (limit && limit.count > 0) {
      limit.count--;
      return rateLimited(limit);
    }
    if (this.knobs.readOnly && op.method !== 'GET')
      return {status: 403, body: {message: 'Resource not accessible by integration', documentation_url: docsFor(id), status: '403'}};
    return this.play(id, params, query, body as Record<string, unknown> | undefined);
  }

  private checkBody(id: string, op: Operation, body: unknown): string[] {
    if (body === undefined) return op.requestBody!.required ? ['the request body is required'] : [];
    const problems = this.check(`${id}:body`, this.ajv, op.requestBody!.schema, body);
    // GitHub ignores most unknown fields; a field no operation knows is a typo in our code all the same.
    const known = (op.requestBody!.schema as {properties?: object}).properties ?? {};
    if (typeof body === 'object' && body !== null)
      for (const key of Object.keys(body)) if (!(key in known)) problems.push(`body field "${key}" is not in the operation's schema`);
    return problems;
  }

  private check(key: string, ajv: Ajv, schema: object, value: unknown): string[] {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = ajv.compile(schema);
      this.validators.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
  }

  private checkResponse(id: string, op: Operation, reply: Reply): void {
    const schema = op.responses[String(reply.status)];
    if (!schema) {
      if (reply.body !== undefined && reply.status < 400)
        this.violations.push(`response ${reply.status} to ${id}: not a documented answer of the operation`);
      return;
    }
    for (const problem of this.check(`${id}:response:${reply.status}`, this.ajv, schema, reply.body))
      this.violations.push(`response ${reply.status} to ${id}: ${problem}`);
  }

  private play(id: string, params: Record<string, string>, query: Record<string, string>, body: Record<string, unknown> | undefined): Reply {
    const issueNumber = Number(params.issue_number);
    const issue = this.issues.find((i) => i.number === issueNumber);
    const comment = this.comments.find((c) => c.id === Number(params.comment_id));
    const tooLong = (text: unknown, resource: string): Reply | undefined =>
      typeof text === 'string' && text.length > (this.knobs.maxBodyLength ?? GITHUB_MAX_BODY)
        ? {
            status: 422,
            body: {
              message: 'Validation Failed',
              errors: [{resource, code: 'custom', field: 'body', message: `body is too long (maximum is ${GITHUB_MAX_BODY} characters)`}],
              documentation_url: docsFor(id),
              status: '422',
            },
          }
        : undefined;
    switch (id) {
      case 'issues/list-comments': {
        if (!issue) return notFound(id);
        return this.page(
          this.commentsOn(issueNumber).map((c) => this.commentJson(c)),
          query,
          params,
        );
      }
      case 'issues/create-comment': {
        if (!issue) return notFound(id);
        const refused = tooLong(body!.body, 'IssueComment');
        if (refused) return refused;
        return {status: 201, body: this.commentJson(this.addComment(issueNumber, String(body!.body), this.viewer))};
      }
      case 'issues/update-comment': {
        if (!comment) return notFound(id);
        const refused = tooLong(body!.body, 'IssueComment');
        if (refused) return refused;
        comment.body = String(body!.body);
        comment.updatedAt = now();
        return {status: 200, body: this.commentJson(comment)};
      }
      case 'issues/delete-comment': {
        if (!comment) return notFound(id);
        this.comments.splice(this.comments.indexOf(comment), 1);
        return {status: 204};
      }
      case 'repos/create-commit-status': {
        const status: SimStatus = {
          id: this.nextId++,
          sha: params.sha!,
          state: String(body!.state),
          context: typeof body!.context === 'string' ? body!.context : 'default',
          description: typeof body!.description === 'string' ? body!.description : null,
          targetUrl: typeof body!.target_url === 'string' ? body!.target_url : null,
        };
        this.statuses.push(status);
        return {status: 201, body: this.statusJson(status)};
      }
      case 'issues/list-for-repo': {
        const state = query.state ?? 'open';
        const labels = query.labels ? query.labels.split(',') : [];
        const found = this.issues.filter((i) => (state === 'all' || i.state === state) && labels.every((l) => i.labels.includes(l)));
        return this.page(
          found.map((i) => this.issueJson(i)),
          query,
          params,
        );
      }
      case 'issues/create': {
        const refused = tooLong(body!.body, 'Issue');
        if (refused) return refused;
        const labels = Array.isArray(body!.labels) ? body!.labels.map(String) : [];
        return {
          status: 201,
          body: this.issueJson(this.addIssue(String(body!.title), typeof body!.body === 'string' ? body!.body : '', labels, this.viewer)),
        };
      }
      case 'issues/update': {
        if (!issue) return notFound(id);
        const refused = tooLong(body!.body, 'Issue');
        if (refused) return refused;
        if (typeof body!.title === 'string') issue.title = body!.title;
        if (typeof body!.body === 'string') issue.body = body!.body;
        if (body!.state === 'closed' || body!.state === 'open') {
          issue.state = body!.state;
          issue.closedAt = body!.state === 'closed' ? now() : null;
          issue.stateReason = body!.state === 'closed' ? (typeof body!.state_reason === 'string' ? body!.state_reason : 'completed') : 'reopened';
        }
        issue.updatedAt = now();
        return {status: 200, body: this.issueJson(issue)};
      }
      default:
        throw new Error(`the simulator does not play ${id}`);
    }
  }

  /** One page and GitHub's `link` header (per_page defaults to 30, at most 100). */
  private page(items: unknown[], query: Record<string, string>, params: Record<string, string>): Reply {
    const perPage = Math.min(Number(query.per_page ?? 30), 100);
    const page = Number(query.page ?? 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const at = (n: number): string => {
      const u = new URL(`${this.url}/repos/${params.owner}/${params.repo}`);
      const path = params.issue_number ? `/issues/${params.issue_number}/comments` : '/issues';
      u.pathname += path;
      for (const [k, v] of Object.entries({...query, page: String(n)})) u.searchParams.set(k, v);
      return u.href;
    };
    const links = [
      ...(page < last ? [`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`] : []),
      ...(page > 1 ? [`<${at(1)}>; rel="first"`, `<${at(page - 1)}>; rel="prev"`] : []),
    ];
    return {status: 200, body: items.slice((page - 1) * perPage, page * perPage), ...(links.length > 0 ? {headers: {link: links.join(', ')}} : {})};
  }

  private userJson(user: SimUser): object {
    const api = `https://api.github.com/users/${encodeURIComponent(user.login)}`;
    return {
      login: user.login,
      id: user.id,
      node_id: Buffer.from(`04:User${user.id}`).toString('base64'),
      avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
      gravatar_id: '',
      url: api,
      html_url: `https://github.com/${encodeURIComponent(user.login)}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: user.type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  private repoApi(): string {
    return `https://api.github.com/repos/${this.owner}/${this.repo}`;
  }

  private commentJson(c: SimComment): object {
    const html = `https://github.com/${this.owner}/${this.repo}/pull/${c.issueNumber}#issuecomment-${c.id}`;
    return {
      url: `${this.repoApi()}/issues/comments/${c.id}`,
      html_url: html,
      issue_url: `${this.repoApi()}/issues/${c.issueNumber}`,
      id: c.id,
      node_id: Buffer.from(`IC_${c.id}`).toString('base64'),
      user: this.userJson(c.user),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: c.user.type === 'Bot' ? 'NONE' : 'OWNER',
      body: c.body,
      performed_via_github_app: null,
    };
  }

  private issueJson(i: SimIssue): object {
    const api = `${this.repoApi()}/issues/${i.number}`;
    const kind = i.headSha ? 'pull' : 'issues';
    return {
      url: api,
      repository_url: this.repoApi(),
      labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`,
      events_url: `${api}/events`,
      html_url: `https://github.com/${this.owner}/${this.repo}/${kind}/${i.number}`,
      id: i.number + 500_000,
      node_id: Buffer.from(`I_${i.number}`).toString('base64'),
      number: i.number,
      title: i.title,
      user: this.userJson(i.user),
      labels: i.labels.map((name, n) => ({
        id: 7_000_000 + n,
        node_id: Buffer.from(`LA_${name}`).toString('base64'),
        url: `${this.repoApi()}/labels/${encodeURIComponent(name)}`,
        name,
        color: 'd73a4a',
        default: false,
        description: null,
      })),
      state: i.state,
      state_reason: i.stateReason,
      locked: false,
      assignee: null,
      assignees: [],
      milestone: null,
      comments: this.commentsOn(i.number).length,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      closed_at: i.closedAt,
      author_association: i.user.type === 'Bot' ? 'NONE' : 'OWNER',
      active_lock_reason: null,
      body: i.body,
      timeline_url: `${api}/timeline`,
      performed_via_github_app: null,
      ...(i.headSha
        ? {
            draft: false,
            pull_request: {
              url: `${this.repoApi()}/pulls/${i.number}`,
              html_url: `https://github.com/${this.owner}/${this.repo}/pull/${i.number}`,
              diff_url: `https://github.com/${this.owner}/${this.repo}/pull/${i.number}.diff`,
              patch_url: `https://github.com/${this.owner}/${this.repo}/pull/${i.number}.patch`,
              merged_at: null,
            },
          }
        : {}),
    };
  }

  private statusJson(s: SimStatus): object {
    return {
      url: `${this.repoApi()}/statuses/${s.sha}`,
      avatar_url: `https://avatars.githubusercontent.com/in/15368?v=4`,
      id: s.id,
      node_id: Buffer.from(`SC_${s.id}`).toString('base64'),
      state: s.state,
      description: s.description,
      target_url: s.targetUrl,
      context: s.context,
      created_at: now(),
      updated_at: now(),
      creator: this.userJson(ACTIONS_BOT),
    };
  }
}

/** Writes the answer with the headers GitHub sends on every API response. */
function send(res: http.ServerResponse, reply: Reply, resource: 'core' | 'graphql'): void {
  const headers = {
    'x-github-media-type': 'github.v3; format=json',
    'x-github-request-id': randomBytes(8).toString('hex').toUpperCase(),
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    'x-ratelimit-used': '1',
    'x-ratelimit-resource': resource,
    ...reply.headers,
  };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  res.writeHead(reply.status, {...headers, 'content-type': 'application/json; charset=utf-8'}).end(JSON.stringify(reply.body));
}

/** The parameters of one kind as an object schema: unknown names are violations too. */
function paramSchema(op: Operation, where: 'path' | 'query'): object {
  const list = op.parameters.filter((p) => p.in === where);
  return {
    type: 'object',
    properties: Object.fromEntries(list.map((p) => [p.name, p.schema])),
    required: list.filter((p) => p.required).map((p) => p.name),
    additionalProperties: false,
  };
}

function docsFor(id: string): string {
  return `${DOCS}/${id.replace(/\//g, '#')}`;
}

function notFound(id: string): Reply {
  return {status: 404, body: {message: 'Not Found', documentation_url: docsFor(id), status: '404'}};
}

function rateLimited(limit: NonNullable<Knobs['rateLimit']>): Reply {
  if (limit.kind === 'primary')
    return {
      status: 403,
      headers: {'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1800)},
      body: {
        message: 'API rate limit exceeded for installation ID 1234567.',
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        status: '403',
      },
    };
  return {
    status: 403,
    ...(limit.retryAfterSeconds !== undefined ? {headers: {'retry-after': String(limit.retryAfterSeconds)}} : {}),
    body: {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: '403',
    },
  };
}
