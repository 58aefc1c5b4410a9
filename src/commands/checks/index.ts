import {Command, Flags} from '@oclif/core';
import {CHECKS} from '../../../checks/index.js';

export default class ChecksList extends Command {
  static override summary = 'List every check with its id, family and severity.';
  static override examples = ['<%= config.bin %> checks', '<%= config.bin %> checks --json'];
  static override enableJsonFlag = true;
  static override flags = {
    family: Flags.string({summary: 'Only the checks of this family (e.g. headers, hsts).'}),
  };

  async run(): Promise<Array<{id: string; family: string; severity: string; title: string}>> {
    const {flags} = await this.parse(ChecksList);
    const rows = CHECKS.filter((c) => !flags.family || c.meta.family === flags.family).map(({meta}) => ({
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
