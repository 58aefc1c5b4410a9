import {Args} from '@oclif/core';
import {CHECKS} from '../../../checks/index.js';
import {ShipcheckCommand} from '../../cli/base-command.js';
import {checkInfoMarkdown} from '../../cli/check-info.js';
import {outputFlags} from '../../cli/flags.js';
import {invocation, stdoutColour} from '../../cli/request.js';
import {renderMarkdown} from '../../cli/terminal-markdown.js';
import {UsageError, unknownCheckMessage} from '../../core/errors.js';
import {ANSI_STYLE, PLAIN_STYLE} from '../../formatters/style.js';
import {PROBES} from '../../probes/index.js';

export default class ChecksInfo extends ShipcheckCommand {
  static override summary = 'Show what a check judges, why it matters, how to fix a failure, its CWE and OWASP ids and what it gathers.';
  static override examples = ['<%= config.bin %> checks info hsts', '<%= config.bin %> checks info csp --json'];
  static override enableJsonFlag = true;
  static override args = {id: Args.string({required: true, description: 'The check id, as `shipcheck checks` lists it.'})};
  static override flags = {color: outputFlags.color};

  async run(): Promise<object> {
    const {args, flags} = await this.parse(ChecksInfo);
    const check = CHECKS.find((c) => c.meta.id === args.id);
    if (!check)
      throw new UsageError(
        unknownCheckMessage(
          args.id,
          CHECKS.map((c) => c.meta.id),
        ),
      );
    const colour = stdoutColour(flags, invocation(this.config.version));
    // The artifacts in words: what the probe that gathers each one does, e.g. "Fetch the pages (Pages)".
    const markdown = checkInfoMarkdown(check, (artifact) => `${PROBES[artifact].title} (${artifact})`);
    // oclif prints nothing through this.log with --json: the metadata is returned instead.
    this.log(renderMarkdown(markdown, colour ? ANSI_STYLE : PLAIN_STYLE, colour));
    // AnyCheck erases the options type to `any`; a check's options are an object (`Check<A, O extends object>`).
    return {...check.meta, defaultOptions: check.defaultOptions as object};
  }
}
