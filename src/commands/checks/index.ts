import {Flags} from '@oclif/core';
import {CHECKS} from '../../../checks/index.js';
import {ShipcheckCommand} from '../../cli/base-command.js';
import {outputFlags} from '../../cli/flags.js';
import {checkTable, type CheckRow} from '../../cli/checks-table.js';
import {invocation, stdoutColour} from '../../cli/request.js';
import {defaultLevel, parseSelectors, selects} from '../../engine/policy.js';
import {ANSI_STYLE, PLAIN_STYLE} from '../../formatters/style.js';

export default class ChecksList extends ShipcheckCommand {
  static override summary = 'List every check: id, family, severity, whether it gates by default, its CWE and OWASP Top 10 ids.';
  static override description =
    'DEFAULT is the level under the recommended preset: "gates" fails the run (exit 1), "warns" is reported only. A config\'s checks entries and --preset strict change it.';
  static override examples = ['<%= config.bin %> checks', '<%= config.bin %> checks --only owasp:A05', '<%= config.bin %> checks --only tls --json'];
  static override enableJsonFlag = true;
  static override flags = {
    color: outputFlags.color,
    only: Flags.string({
      aliases: ['family'],
      summary: 'Only the checks these select, comma-separated, as scan --only takes them (e.g. headers,csp,owasp:A05,cwe:319).',
    }),
  };

  async run(): Promise<CheckRow[]> {
    const {flags} = await this.parse(ChecksList);
    const only = flags.only === undefined ? undefined : parseSelectors(flags.only, CHECKS, '--only');
    const rows = CHECKS.filter((c) => !only || only.some((s) => selects(s, c.meta))).map(({meta}): CheckRow => ({
      id: meta.id,
      family: meta.family,
      severity: meta.severity,
      defaultLevel: defaultLevel(meta.severity),
      cwe: meta.cwe,
      owasp: meta.owasp,
      title: meta.title,
    }));
    // oclif prints nothing through this.log with --json: the rows are returned instead.
    this.log(checkTable(rows, stdoutColour(flags, invocation(this.config.version)) ? ANSI_STYLE : PLAIN_STYLE));
    return rows;
  }
}
