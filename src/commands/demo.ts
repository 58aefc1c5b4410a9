import {join} from 'node:path';
import {ShipcheckCommand} from '../cli/base-command.js';
import {scanFlags} from '../cli/flags.js';
import {failOn, invocation, scanRequest} from '../cli/request.js';
import {templatesDir} from '../core/paths.js';
import {parseAuthPath} from '../core/target.js';
import type {ScanRequest} from '../engine/request.js';
import {processStdout} from '../engine/output.js';
import {planOnly, runScan} from '../engine/run.js';
import {interruptOnSignals} from '../engine/scan.js';
import {scanAndReport} from './scan.js';

const {'http-url': _httpUrl, 'ca-file': _caFile, ...demoFlags} = scanFlags;

export default class Demo extends ShipcheckCommand {
  static override summary = 'Start a built-in demo site on loopback and scan it: see a real report without a URL.';
  static override description =
    'The demo site (127.0.0.1, its own throwaway CA) serves a realistic mix of good and bad settings, so the report shows passes, warnings and failures. It stops when the scan ends. The exit code is that of the scan (1: the demo has failures on purpose).';
  static override examples = ['<%= config.bin %> demo', '<%= config.bin %> demo --json', '<%= config.bin %> demo --only headers'];
  static override flags = demoFlags;

  async run(): Promise<void> {
    const {flags} = await this.parse(Demo);
    // Ctrl-C is ours from before the site starts: one pressed while it starts still ends in the one
    // line and exit 130 (the scan then starts already stopped), and the site is closed.
    const watch = interruptOnSignals();
    // Loaded here so other commands never pay for the demo server at start-up.
    const {startDemo} = await import('../demo/server.js');
    const demo = await startDemo();
    try {
      const base = scanRequest([demo.url], flags, invocation(this.config.version));
      // Where the progress view is silent (a machine format on stdout), so is this line.
      if (base.output.progress !== 'silent') this.logToStderr(`Demo site: ${demo.url} (HTTP on ${demo.httpUrl})\n`);
      const request: ScanRequest = {
        ...base,
        httpUrl: demo.httpUrl,
        extraCa: demo.ca,
        paths: [...base.paths, '/login', '/api/profile'],
        rateLimitPaths: [...base.rateLimitPaths, '/api/login'],
        authEndpoints: [...base.authEndpoints, ...['/admin', '/account'].map(parseAuthPath)],
        // The shop's own API description, unless the user gave one.
        openapi: base.openapi ?? join(templatesDir(), 'demo-openapi.yaml'),
      };
      if (flags['dry-run']) {
        process.stdout.write(await planOnly(request));
        return;
      }
      await scanAndReport(this, (w) => runScan(request, {signal: w.signal, stdout: processStdout}), failOn(flags), watch);
    } finally {
      await demo.close();
      watch.dispose();
    }
  }
}
