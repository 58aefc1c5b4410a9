import {copyFile, constants, readFile, writeFile} from 'node:fs/promises';
import {dirname, join, relative, resolve} from 'node:path';
import {Flags} from '@oclif/core';
import {ShipcheckCommand} from '../cli/base-command.js';
import {UsageError} from '../core/errors.js';
import {templatesDir} from '../core/paths.js';
import {openApiTarget} from '../engine/openapi.js';

export default class Init extends ShipcheckCommand {
  static override summary = 'Write a commented starter shipcheck.yml into this folder.';
  static override examples = [
    '<%= config.bin %> init',
    '<%= config.bin %> init --output ci/shipcheck.yml --force',
    '<%= config.bin %> init --openapi openapi.yaml',
  ];
  static override flags = {
    output: Flags.string({char: 'o', default: 'shipcheck.yml', summary: 'Where to write the config.'}),
    force: Flags.boolean({summary: 'Overwrite the file if it exists.'}),
    openapi: Flags.string({summary: 'Wire in this OpenAPI 3.0/3.1 document: a target whose secured operations must refuse anonymous requests.'}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(Init);
    const template = join(templatesDir(), 'shipcheck.yml');
    try {
      if (flags.openapi === undefined) await copyFile(template, flags.output, flags.force ? 0 : constants.COPYFILE_EXCL);
      else
        await writeFile(flags.output, await withOpenApi(await readFile(template, 'utf8'), flags.openapi, flags.output), {
          flag: flags.force ? 'w' : 'wx',
        });
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const code = (error as {code?: string}).code;
      if (code === 'EEXIST') throw new UsageError(`${flags.output} exists already; pass --force to overwrite it`);
      throw new UsageError(`cannot write ${flags.output} (${code ?? 'error'})`);
    }
    this.log(`Wrote ${flags.output}. Edit its targets, then run: shipcheck scan`);
  }
}

/** Where the starter's target block goes: after the commented example of targets. */
const TARGETS_END = '\n\n# Per check:';

/**
 * The starter config with a target for the document (read and checked first: a bad document is
 * refused before anything is written). Its URL is the origin of the document's first server when
 * that is absolute, else a placeholder; the path is written relative to the config's folder.
 */
async function withOpenApi(template: string, document: string, output: string): Promise<string> {
  const {url, secured} = await openApiTarget(document, '--openapi');
  const path = relative(dirname(resolve(output)), resolve(document)).replace(/\\/g, '/') || document;
  const block = [
    '',
    '',
    `# From ${path}: ${secured} secured operations, each asked without valid credentials (GET and HEAD only).`,
    'targets:',
    `  - url: ${url ?? 'https://staging.example.com  # the deployment the document describes'}`,
    `    openapi: ${JSON.stringify(path)}`,
    '# openapiMethods: [GET, HEAD, POST]  # widen only against a deployment where sending them is safe',
    '# authCredentialsEnv: STAGING_API_AUTH  # env var with a header that grants access (positive control)',
  ].join('\n');
  const at = template.indexOf(TARGETS_END);
  return at === -1 ? `${template}${block}\n` : `${template.slice(0, at)}${block}${template.slice(at)}`;
}
