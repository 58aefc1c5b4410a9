/**
 * The built-in demo target: a small "shop" on 127.0.0.1 with a realistic mix of right, weak and
 * leaky answers, so `shipcheck demo` shows passes, warnings and failures from every check family
 * without the user naming a URL. Each route is data in one table; the comment on a fault names the
 * check family it exercises.
 */
import {randomBytes} from 'node:crypto';
import {once} from 'node:events';
import {readFile} from 'node:fs/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import type {AddressInfo, Socket} from 'node:net';
import {join} from 'node:path';
import {UsageError} from '../core/errors.js';
import {templatesDir} from '../core/paths.js';

/** A running demo target. */
export interface DemoTarget {
  /** The HTTPS site, e.g. `https://127.0.0.1:53211/`. */
  readonly url: string;
  /** The plain-HTTP listener that redirects to `url`, e.g. `http://127.0.0.1:53212/`. */
  readonly httpUrl: string;
  /** The demo CA (PEM) that issued the site's certificate; trust it for the demo only. */
  readonly ca: string;
  /** Stops both listeners and ends every open connection. Safe to call more than once. */
  close(): Promise<void>;
}

/** The names the demo certificate holds (scripts/make-demo-certs.sh); any other host fails TLS. */
const CERT_HOSTS = ['127.0.0.1', 'localhost'];

interface Cookie {
  readonly name: string;
  /** Everything after the value, e.g. `Path=/; Secure`. */
  readonly attributes: string;
}

/** What one route answers. `{{nonce}}` in header values and a string body is one fresh value per response. */
interface Route {
  /** The methods answered; any other gets 405. Every method when absent. */
  readonly methods?: readonly string[];
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Set on every answer, each with a fresh random value. */
  readonly cookies?: readonly Cookie[];
  /** Echo any request Origin in Access-Control-Allow-Origin and allow credentials. */
  readonly reflectOrigin?: boolean;
  /** Always finite: a fixed text, or one derived from the (size-limited) request head. */
  readonly body: string | ((req: http.IncomingMessage) => string);
}

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT = 'text/plain; charset=utf-8';
const READ = ['GET', 'HEAD'];

/** The shop's everyday headers: some right, some weak, some leaky. */
const SHOP_HEADERS: Readonly<Record<string, string>> = {
  // hsts: one day is too short to protect a returning visitor, and subdomains are left out.
  'strict-transport-security': 'max-age=86400',
  // headers: 'unsafe-inline' without a nonce lets any injected script run (object-src falls back to default-src 'self').
  'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'permissions-policy': 'camera=(), microphone=()',
  'cross-origin-opener-policy': 'same-origin',
  // headers: no Referrer-Policy and no Cross-Origin-Resource-Policy; X-XSS-Protection is obsolete.
  'x-xss-protection': '1; mode=block',
  // disclosure: a product with its version (a warning); a bare framework name (a note).
  server: 'demo-shop/1.4.2',
  'x-powered-by': 'Express',
};

/** A well-configured page's headers, as on a site that got them right (test/helpers/artifacts.ts HARDENED). */
const HARDENED_HEADERS: Readonly<Record<string, string>> = {
  'content-type': HTML,
  'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
  'content-security-policy': "default-src 'self'; script-src 'self' 'nonce-{{nonce}}'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  server: 'nginx',
};

const CSRF_COOKIE: Cookie = {name: '__Host-csrf', attributes: 'Path=/; Secure; HttpOnly; SameSite=Strict'};

const HOME_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Demo Shop</title></head>
<body>
<h1>Demo Shop</h1>
<p>A deliberately misconfigured site for <code>shipcheck demo</code>.</p>
<nav><a href="/login">Sign in</a> · <a href="/account">Your account</a></nav>
<script>document.documentElement.dataset.ready = 'yes';</script>
</body>
</html>
`;

const LOGIN_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in · Demo Shop</title></head>
<body>
<h1>Sign in</h1>
<form method="post" action="/api/login">
<label>Email <input name="email" type="email" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button>Sign in</button>
</form>
<script nonce="{{nonce}}">document.querySelector('input')?.focus();</script>
</body>
</html>
`;

// error-disclosure: Express's development error page, with the server's file layout in the stack.
const STACK_TRACE_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Error</title></head>
<body>
<pre>NotFoundError: Not Found
    at /srv/demo-shop/app.js:41:9
    at Layer.handle [as handle_request] (/srv/demo-shop/node_modules/express/lib/router/layer.js:95:5)
    at trim_prefix (/srv/demo-shop/node_modules/express/lib/router/index.js:328:13)
    at Router.handle (/srv/demo-shop/node_modules/express/lib/router/index.js:284:15)
    at Function.handle (/srv/demo-shop/node_modules/express/lib/application.js:175:3)</pre>
</body>
</html>
`;

const DOTENV = `NODE_ENV=production
DB_HOST=db.internal
DB_USER=shop
DB_PASSWORD=demo-not-a-secret
SESSION_SECRET=demo-not-a-secret
`;

/** TRACE's answer: the request as the server received it, credentials and all (cross-site tracing). */
function echoRequest(req: http.IncomingMessage): string {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

// Deliberately absent, so they fall through to NOT_FOUND: /.well-known/security.txt (exposure).
const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  [
    '/',
    {
      methods: READ,
      status: 200,
      headers: {...SHOP_HEADERS, 'content-type': HTML},
      // cookies: the session cookie lacks HttpOnly and SameSite; the CSRF cookie is right.
      cookies: [{name: 'session', attributes: 'Path=/; Secure'}, CSRF_COOKIE],
      body: HOME_PAGE,
    },
  ],
  [
    '/api/profile',
    {
      methods: READ,
      status: 200,
      headers: {...SHOP_HEADERS, 'content-type': JSON_TYPE},
      // cors: any site may read a signed-in customer's profile.
      reflectOrigin: true,
      body: JSON.stringify({id: 42, name: 'Demo Customer', email: 'customer@demo-shop.test'}),
    },
  ],
  [
    '/login',
    {
      methods: READ,
      status: 200,
      headers: HARDENED_HEADERS,
      cookies: [{name: '__Host-session', attributes: 'Path=/; Secure; HttpOnly; SameSite=Lax'}, CSRF_COOKIE],
      body: LOGIN_PAGE,
    },
  ],
  [
    '/api/login',
    {
      // rate-limit: every attempt is answered at once; never a 429, never a Retry-After. GET is
      // answered too, since the rate-limit burst sends only GETs.
      methods: ['GET', 'POST'],
      status: 401,
      headers: {...SHOP_HEADERS, 'content-type': JSON_TYPE},
      body: JSON.stringify({error: 'invalid email or password'}),
    },
  ],
  [
    '/admin',
    {
      // auth: the admin area answers without credentials.
      methods: READ,
      status: 200,
      headers: {...SHOP_HEADERS, 'content-type': HTML},
      body: '<!doctype html>\n<title>Admin · Demo Shop</title>\n<h1>Admin</h1>\n<p>Orders today: 17</p>\n',
    },
  ],
  [
    '/account',
    {
      methods: READ,
      status: 401,
      headers: {...SHOP_HEADERS, 'content-type': JSON_TYPE, 'www-authenticate': 'Bearer'},
      body: JSON.stringify({error: 'authentication required'}),
    },
  ],
  [
    '/.env',
    {
      // exposure: the deploy copied the environment file into the web root.
      methods: READ,
      status: 200,
      headers: {...SHOP_HEADERS, 'content-type': 'application/octet-stream'},
      body: DOTENV,
    },
  ],
]);

const NOT_FOUND: Route = {status: 404, headers: {...SHOP_HEADERS, 'content-type': HTML}, body: STACK_TRACE_PAGE};

// Answered on every path before routing, as by a server that left TRACE enabled.
const TRACE_ECHO: Route = {status: 200, headers: {...SHOP_HEADERS, 'content-type': 'message/http'}, body: echoRequest};

function methodNotAllowed(methods: readonly string[]): Route {
  return {status: 405, headers: {...SHOP_HEADERS, 'content-type': TEXT, allow: methods.join(', ')}, body: 'Method Not Allowed\n'};
}

function routeFor(req: http.IncomingMessage): Route {
  if (req.method === 'TRACE') return TRACE_ECHO;
  const target = req.url ?? '/';
  const query = target.indexOf('?');
  const route = ROUTES.get(query === -1 ? target : target.slice(0, query)) ?? NOT_FOUND;
  if (route.methods === undefined || route.methods.includes(req.method ?? '')) return route;
  return methodNotAllowed(route.methods);
}

function token(): string {
  return randomBytes(16).toString('base64url');
}

function respond(req: http.IncomingMessage, res: http.ServerResponse, route: Route): void {
  const nonce = token();
  const fill = (text: string): string => text.replaceAll('{{nonce}}', nonce);
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(route.headers)) headers[name] = fill(value);
  if (route.cookies) headers['set-cookie'] = route.cookies.map((c) => `${c.name}=${token()}; ${c.attributes}`);
  const origin = req.headers.origin;
  if (route.reflectOrigin && origin !== undefined) {
    headers['access-control-allow-origin'] = origin;
    headers['access-control-allow-credentials'] = 'true';
    headers.vary = 'Origin';
  }
  const body = typeof route.body === 'string' ? fill(route.body) : route.body(req);
  headers['content-length'] = Buffer.byteLength(body);
  res.writeHead(route.status, headers).end(body);
}

/** The plain-HTTP listener: every path gets a temporary (302) redirect to the same path over HTTPS. */
function redirectTo(httpsOrigin: string): http.RequestListener {
  return (req, res) => {
    // Only an origin-form path is kept, so the redirect cannot be steered to another host.
    const path = req.url?.startsWith('/') ? req.url : '/';
    const location = `${httpsOrigin}${path}`;
    const body = `Found. Redirecting to ${location}\n`;
    res.writeHead(302, {location, 'content-type': TEXT, 'content-length': Buffer.byteLength(body)}).end(body);
  };
}

interface Listening {
  readonly port: number;
  /** Stops listening and ends every open connection, idle, mid-request or mid-handshake. */
  stop(): Promise<void>;
}

async function listen(server: http.Server | https.Server, host: string): Promise<Listening> {
  // Raw sockets are tracked because server.closeAllConnections() misses a TLS socket still in its
  // handshake, which then holds close() open until headersTimeout (60 s).
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.listen(0, host);
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/**
 * Starts the demo site on `host` (127.0.0.1 unless given; the certificate names only 127.0.0.1 and
 * localhost), an HTTPS listener and a plain-HTTP one that redirects to it, each on a free port.
 */
export async function startDemo(options: {host?: string} = {}): Promise<DemoTarget> {
  const host = options.host ?? '127.0.0.1';
  if (!CERT_HOSTS.includes(host))
    throw new UsageError(`the demo runs on ${CERT_HOSTS.join(' or ')} (the names its certificate holds), not "${host}"`);
  const dir = join(templatesDir(), 'demo');
  const [ca, cert, key] = await Promise.all([
    readFile(join(dir, 'ca.pem'), 'utf8'),
    readFile(join(dir, 'server.pem'), 'utf8'),
    readFile(join(dir, 'server-key.pem'), 'utf8'),
  ]);

  const site = https.createServer({cert, key}, (req, res) => respond(req, res, routeFor(req)));
  const secure = await listen(site, host);
  const url = `https://${host}:${secure.port}/`;

  const redirector = http.createServer(redirectTo(url.slice(0, -1)));
  let plain: Listening;
  try {
    plain = await listen(redirector, host);
  } catch (error) {
    await secure.stop();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    url,
    httpUrl: `http://${host}:${plain.port}/`,
    ca,
    close() {
      closing ??= Promise.all([secure.stop(), plain.stop()]).then(() => undefined);
      return closing;
    },
  };
}
