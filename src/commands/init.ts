import {copyFile, constants} from 'node:fs/promises';
import {join} from 'node:path';
import {Flags} from '@oclif/core';
import {ShipcheckCommand} from '../cli/base-command.js';
import {UsageError} from '../core/errors.js';
import {templatesDir} from '../core/paths.js';

export default class Init extends ShipcheckCommand {
  static override summary = 'Write a commented starter shipcheck.yml into this folder.';
  static override examples = ['<%= config.bin %> init', '<%= config.bin %> init --output ci/shipcheck.yml --force'];
  static override flags = {
    output: Flags.string({char: 'o', default: 'shipcheck.yml', summary: 'Where to write the config.'}),
    force: Flags.boolean({summary: 'Overwrite the file if it exists.'}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(Init);
    try {
      await copyFile(join(templatesDir(), 'shipcheck.yml'), flags.output, flags.force ? 0 : constants.COPYFILE_EXCL);
    } catch (error) {
      const code = (error as {code?: string}).code;
      if (code === 'EEXIST') throw new UsageError(`${flags.output} exists already; pass --force to overwrite it`);
      throw new UsageError(`cannot write ${flags.output} (${code ?? 'error'})`);
    }
    this.log(`Wrote ${flags.output}. Edit its targets, then run: shipcheck scan`);
  }
}
