import {Args} from '@oclif/core';
import {ShipcheckCommand, unknownFlagsLine} from '../cli/base-command.js';
import {failOnFlag, githubFlags, outputFlags, scanFlags} from '../cli/flags.js';
import {failOn, githubRequest, invocation, outputRequest} from '../cli/request.js';
import {failOnExit} from '../engine/policy.js';
import {runMerge} from '../engine/merge.js';
import {processStdout} from '../engine/output.js';
import {UsageError} from '../core/errors.js';

export default class Merge extends ShipcheckCommand {
  static override summary = 'Combine the JSON reports of the shards of one fleet (scan --shard i/n) into one report.';
  static override description =
    'Reads the report of every shard (from shipcheck scan --shard i/n --output FILE) and writes the report one unsharded scan would have: every target, ordered by URL, the summary and verdict recomputed. It refuses, with exit code 2, reports of different major versions, different baselines, or a target that is in two reports (one shard given twice). With --github it posts once: one sticky comment, one commit status. Exit codes as scan: 0 the merged report passed, 1 a gating check failed or nothing could be judged, 2 bad usage or reports that do not belong together, 3 a target could not be reached.';
  static override examples = [
    '<%= config.bin %> merge shard-1.json shard-2.json shard-3.json',
    '<%= config.bin %> merge reports/*.json --format sarif --format markdown --output-dir shipcheck-out --output merged.json',
    '<%= config.bin %> merge reports/*.json --github --repo acme/shop --sha 4f2c1e0',
  ];
  static override args = {
    reports: Args.string({required: true, description: 'The JSON reports of the shards (several: one argument each).'}),
  };
  // The reports are any number of arguments.
  static override strict = false;
  static override flags = {...outputFlags, output: scanFlags.output, 'fail-on': failOnFlag, ...githubFlags};

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Merge);
    // The reports are taken loosely (any number of them), so oclif lets a mistyped flag through as one.
    const stray = argv.map(String).filter((arg) => arg.startsWith('-'));
    if (stray.length > 0) throw new UsageError(`${unknownFlagsLine(stray, Merge.flags)} (see --help)`);
    const result = await runMerge(
      {
        files: argv.map(String),
        output: outputRequest(flags, invocation(this.config.version)),
        ...(flags.github ? {github: githubRequest(flags)} : {}),
      },
      (line) => this.logToStderr(line),
      processStdout,
    );
    for (const t of result.report.targets) if (t.unreachable) this.logToStderr(`shipcheck: cannot reach ${t.url}: ${t.unreachable.message}`);
    process.exitCode = failOnExit(result.exitCode, result.report, failOn(flags));
  }
}
