/**
 * Real web frameworks on loopback for integration tests: an Express app (a child `node`), Django's
 * development server (Debian's python3-django) and PHP's built-in server (Debian's php-cli). Each
 * listens on 127.0.0.1 only, is waited for with a bounded loop, and `close()` stops it (SIGTERM,
 * SIGKILL after a grace period) and removes its temporary folder.
 */
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {freePort} from './servers.js';
import {launch as launchProcess, type LaunchSpec} from './process.js';

export interface FrameworkServer {
  /** e.g. `http://127.0.0.1:40123/`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Debian installs Django for the system interpreter; the `python3` on PATH may be another one
 * (pyenv) without it.
 */
const SYSTEM_PYTHON = '/usr/bin/python3';

/** The package root, where `express` resolves from. */
const REPO_ROOT = join(import.meta.dirname, '..', '..');

/** One framework's process on one port, as a server at `http://127.0.0.1:port/`. */
async function launch(spec: Omit<LaunchSpec, 'ports'> & {readonly port: number}): Promise<FrameworkServer> {
  const launched = await launchProcess({...spec, ports: [spec.port]});
  return {url: `http://127.0.0.1:${spec.port}/`, close: () => launched.close()};
}

/**
 * Runs `script` (ES module source) with `node` from the package root, so it can import
 * `express`. The script must listen on `process.env.PORT` at 127.0.0.1. The environment is
 * exactly PATH, PORT and `env`: jest's NODE_ENV=test is not passed on, so without a NODE_ENV in
 * `env` Express runs in development mode.
 */
export async function startExpressApp(script: string, env: Readonly<Record<string, string>> = {}): Promise<FrameworkServer> {
  const port = await freePort();
  return launch({
    name: 'Express app',
    command: process.execPath,
    args: ['--input-type=module', '--eval', script],
    port,
    env: {PATH: process.env.PATH ?? '', ...env, PORT: String(port)},
    cwd: REPO_ROOT,
  });
}

/**
 * A one-file Django project: `/` raises (as a view with a bug does) and `/api/items` parses the
 * request body as JSON. No middleware, so a POST needs no CSRF token.
 */
const DJANGO_APP = `
import json
import os
import sys

from django.conf import settings

settings.configure(
    DEBUG=os.environ['DJANGO_DEBUG'] == '1',
    SECRET_KEY='shipcheck-test-only',
    ROOT_URLCONF=__name__,
    ALLOWED_HOSTS=['127.0.0.1', 'localhost'],
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
)

from django.http import JsonResponse
from django.urls import path


def home(request):
    raise RuntimeError('the home page is broken')


def items(request):
    return JsonResponse(json.loads(request.body))


urlpatterns = [path('', home), path('api/items', items)]

if __name__ == '__main__':
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)
`;

/** Django's development server (`runserver --noreload`) with DEBUG on or off. */
export async function startDjango(options: {debug: boolean}): Promise<FrameworkServer> {
  const dir = mkdtempSync(join(tmpdir(), 'shipcheck-django-'));
  writeFileSync(join(dir, 'app.py'), DJANGO_APP);
  const port = await freePort();
  return launch({
    name: 'Django runserver',
    command: SYSTEM_PYTHON,
    args: ['app.py', 'runserver', `127.0.0.1:${port}`, '--noreload'],
    port,
    env: {PATH: process.env.PATH ?? '', DJANGO_DEBUG: options.debug ? '1' : '0', PYTHONDONTWRITEBYTECODE: '1'},
    cwd: dir,
    dir,
  });
}

/**
 * A one-file Flask app on Werkzeug's development server: `/` answers, `/report` raises (a view with
 * a bug). With `debug` it runs as `app.run(debug=True)`: tracebacks and the /console debugger.
 */
const FLASK_APP = `
import os
from flask import Flask

app = Flask(__name__)

@app.get('/')
def home():
    return '<!doctype html><title>shop</title><h1>Shop</h1>'

@app.get('/report')
def report():
    return str(1 / 0)

app.run(host='127.0.0.1', port=int(os.environ['PORT']), debug=os.environ['FLASK_DEBUG_MODE'] == '1', use_reloader=False)
`;

export async function startFlask(options: {debug: boolean}): Promise<FrameworkServer> {
  const dir = mkdtempSync(join(tmpdir(), 'shipcheck-flask-'));
  writeFileSync(join(dir, 'app.py'), FLASK_APP);
  const port = await freePort();
  return launch({
    name: 'Flask development server',
    command: SYSTEM_PYTHON,
    args: ['app.py'],
    port,
    env: {PATH: process.env.PATH ?? '', PORT: String(port), FLASK_DEBUG_MODE: options.debug ? '1' : '0', PYTHONDONTWRITEBYTECODE: '1'},
    cwd: dir,
    dir,
  });
}

/**
 * PHP's built-in server over a folder holding `files` (relative name → source). php.ini is not
 * read (`-n`), so the outcome depends only on `displayErrors`; every notice is reported.
 */
export async function startPhp(options: {displayErrors: boolean; files: Readonly<Record<string, string>>}): Promise<FrameworkServer> {
  const dir = mkdtempSync(join(tmpdir(), 'shipcheck-php-'));
  for (const [name, source] of Object.entries(options.files)) {
    mkdirSync(dirname(join(dir, name)), {recursive: true});
    writeFileSync(join(dir, name), source);
  }
  const port = await freePort();
  return launch({
    name: 'PHP built-in server',
    command: 'php',
    args: ['-n', '-d', `display_errors=${options.displayErrors ? 1 : 0}`, '-d', 'error_reporting=E_ALL', '-S', `127.0.0.1:${port}`, '-t', dir],
    port,
    env: {PATH: process.env.PATH ?? ''},
    cwd: dir,
    dir,
  });
}
