import {Args} from '@oclif/core';
import {ShipcheckCommand} from '../cli/base-command.js';
import {githubFlags, scanFlags} from '../cli/flags.js';
import {failOn, invocation, scanRequest} from '../cli/request.js';
import {failOnExit, type FailOn} from '../engine/policy.js';
import {planOnly, runScan} from '../engine/run.js';
import {processStdout} from '../engine/output.js';
import {interruptedLine, interruptOnSignals, type InterruptWatch} from '../engine/scan.js';

/**
 * Runs the scan with SIGINT/SIGTERM owned, prints the report, and sets the exit code as `--fail-on`
 * says (130/143 when interrupted). A caller with work of its own before the scan (the demo starts
 * its site) owns the signals from earlier on: it passes its `watch`, and disposes of it.
 */
export async function scanAndReport(
  command: {logToStderr(line: string): void},
  run: (watch: InterruptWatch) => ReturnType<typeof runScan>,
  failOn: FailOn,
  given?: InterruptWatch,
): Promise<void> {
  const watch = given ?? interruptOnSignals();
  try {
    const result = await run(watch);
    const signal = watch.received();
    if (signal !== undefined) {
      command.logToStderr(interruptedLine(result.report, signal));
      process.exitCode = watch.exitCode();
      return;
    }
    for (const t of result.report.targets) if (t.unreachable) command.logToStderr(`shipcheck: cannot reach ${t.url}: ${t.unreachable.message}`);
    process.exitCode = failOnExit(result.exitCode, result.report, failOn);
  } finally {
    if (given === undefined) watch.dispose();
  }
}

export default class Scan extends ShipcheckCommand {
  static override summary = 'Scan a deployed URL and exit non-zero when a gating check fails.';
  static override description =
    'Runs live probes against the URL — security headers, HSTS, the HTTP→HTTPS redirect, cookies, CORS, TLS, error and version disclosure, exposed files and risky methods, and (for the endpoints you name) rate limiting and auth — and prints a pass/fail report. Exit codes: 0 passed, 1 a gating check failed or nothing could be judged, 2 bad usage or config, 3 the target could not be reached; 130 (Ctrl-C) or 143 (SIGTERM) interrupted, the partial report still written to every output.';
  static override examples = [
    '<%= config.bin %> scan https://staging.example.com',
    '<%= config.bin %> scan https://staging.example.com --json --output report.json',
    '<%= config.bin %> scan https://staging.example.com --path /login --header "Authorization: Bearer $TOKEN"',
    '<%= config.bin %> scan https://api.example.com --trusted-origin https://app.example.com',
    '<%= config.bin %> scan --config shipcheck.yml --only headers,hsts',
    '<%= config.bin %> scan https://preview.example.com --github --format sarif --output-dir out',
  ];
  static override args = {
    url: Args.string({
      description:
        'The https:// (or http://) URL to scan, or a bare host for https:// of it: example.com, localhost:8443 (default: the targets in the config).',
    }),
  };
  static override flags = {...scanFlags, ...githubFlags};

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Scan);
    const request = scanRequest(args.url ? [args.url] : [], flags, invocation(this.config.version));
    if (flags['dry-run']) {
      process.stdout.write(await planOnly(request));
      return;
    }
    await scanAndReport(this, (watch) => runScan(request, {signal: watch.signal, stdout: processStdout}), failOn(flags));
  }
}
