import {Args} from '@oclif/core';
import {ShipcheckCommand} from '../cli/base-command.js';
import {githubFlags, scanFlags} from '../cli/flags.js';
import {planOnly, runScan} from '../engine/run.js';

export default class Scan extends ShipcheckCommand {
  static override summary = 'Scan a deployed URL and exit non-zero when a gating check fails.';
  static override description =
    'Runs live probes (headers, HSTS, the HTTP→HTTPS redirect, cookies, CORS, version disclosure) against the URL and prints a pass/fail report. Exit codes: 0 passed, 1 a check at level error failed, 2 bad usage or config, 3 the target could not be reached.';
  static override examples = [
    '<%= config.bin %> scan https://staging.example.com',
    '<%= config.bin %> scan https://staging.example.com --json --output report.json',
    "<%= config.bin %> scan https://staging.example.com --path /login --header 'Authorization: Bearer $TOKEN'",
    '<%= config.bin %> scan https://api.example.com --trusted-origin https://app.example.com',
    '<%= config.bin %> scan --config shipcheck.yml --only headers,hsts',
    '<%= config.bin %> scan https://preview.example.com --github --format sarif --output-dir out',
  ];
  static override args = {url: Args.string({description: 'The https:// URL to scan (default: the targets in the config).'})};
  static override flags = {...scanFlags, ...githubFlags};

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Scan);
    const input = {urls: args.url ? [args.url] : [], flags, version: this.config.version, stdoutIsTTY: Boolean(process.stdout.isTTY)};
    if (flags['dry-run']) {
      process.stdout.write(await planOnly(input));
      return;
    }
    // Loaded only with --github: Octokit costs start-up time every other run would pay.
    const post = flags.github ? await (await import('../github/from-flags.js')).prepareGitHub(flags) : undefined;
    const result = await runScan(input);
    process.stdout.write(result.stdout);
    for (const t of result.report.targets)
      if (t.unreachable) this.logToStderr(`shipcheck: cannot reach ${t.url}: ${t.unreachable.message}`);
    if (post) await post(result.report);
    process.exitCode = result.exitCode;
  }
}
