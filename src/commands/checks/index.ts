import {Flags} from '@oclif/core';
import {CHECKS} from '../../../checks/index.js';
import {ShipcheckCommand} from '../../cli/base-command.js';
import {parseFamilies} from '../../engine/policy.js';

export default class ChecksList extends ShipcheckCommand {
  static override summary = 'List every check with its id, family and severity.';
  static override examples = ['<%= config.bin %> checks', '<%= config.bin %> checks --json'];
  static override enableJsonFlag = true;
  static override flags = {
    family: Flags.string({summary: 'Only the checks of these families, comma-separated (e.g. headers,hsts).'}),
  };

  async run(): Promise<{id: string; family: string; severity: string; title: string}[]> {
    const {flags} = await this.parse(ChecksList);
    const families = flags.family === undefined ? undefined : parseFamilies(flags.family);
    const rows = CHECKS.filter((c) => !families || families.includes(c.meta.family)).map(({meta}) => ({
      id: meta.id,
      family: meta.family,
      severity: meta.severity,
      title: meta.title,
    }));
    const width = Math.max(...rows.map((r) => r.id.length), 2);
    for (const r of rows) this.log(`${r.id.padEnd(width)}  ${r.family.padEnd(10)}  ${r.severity.padEnd(8)}  ${r.title}`);
    return rows;
  }
}
