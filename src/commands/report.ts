import {Args} from '@oclif/core';
import {loadReport} from '../engine/baseline.js';
import {ShipcheckCommand} from '../cli/base-command.js';
import {githubFlags, outputFlags} from '../cli/flags.js';
import {githubRequest, invocation, outputRequest} from '../cli/request.js';
import {checkOutput, deliver, processStdout} from '../engine/output.js';

export default class Report extends ShipcheckCommand {
  static override summary = 'Render a saved JSON report again, in one or more formats.';
  static override description =
    'Reads a report written by `shipcheck scan --json` (or --output) and prints it as console text, JSON, Markdown (the pull-request comment), SARIF (GitHub code scanning), JUnit XML or one self-contained HTML page. Several formats at once need --output-dir, which gets one shipcheck.<ext> file each. Exits 0 when the report was rendered, whatever its verdict; 2 when the file is not a shipcheck report.';
  static override examples = [
    '<%= config.bin %> report report.json --format markdown',
    '<%= config.bin %> report report.json --format sarif --format html --format junit --output-dir shipcheck-out',
    '<%= config.bin %> report report.json --format sarif --sarif-location .github/workflows/deploy.yml:14 > shipcheck.sarif',
    '<%= config.bin %> report report.json --github --repo acme/shop --pr 42 --sha 4f2c1e0',
  ];
  static override args = {file: Args.string({required: true, description: 'The JSON report (from shipcheck scan --json or --output).'})};
  static override flags = {...outputFlags, ...githubFlags};

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Report);
    const output = outputRequest(flags, invocation(this.config.version));
    checkOutput(output);
    const post = flags.github ? await (await import('../github/from-request.js')).prepareGitHub(githubRequest(flags)) : undefined;
    const report = await loadReport(args.file);
    if (post) await post(report);
    // With a folder, the files are the output: stdout stays empty.
    await deliver(report, output, output.dir === undefined ? processStdout : () => undefined, (line) => this.logToStderr(line));
  }
}
