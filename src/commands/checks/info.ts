import {Args} from '@oclif/core';
import {CHECKS} from '../../../checks/index.js';
import {ShipcheckCommand} from '../../cli/base-command.js';
import {remediationText} from '../../core/check.js';
import {UsageError, unknownCheckMessage} from '../../core/errors.js';

export default class ChecksInfo extends ShipcheckCommand {
  static override summary = 'Show what a check judges, why it matters and how to fix a failure.';
  static override examples = ['<%= config.bin %> checks info hsts'];
  static override enableJsonFlag = true;
  static override args = {id: Args.string({required: true, description: 'The check id, as `shipcheck checks` lists it.'})};

  async run(): Promise<object> {
    const {args} = await this.parse(ChecksInfo);
    const check = CHECKS.find((c) => c.meta.id === args.id);
    if (!check)
      throw new UsageError(
        unknownCheckMessage(
          args.id,
          CHECKS.map((c) => c.meta.id),
        ),
      );
    const {meta} = check;
    this.log(`${meta.id} (${meta.family}, severity ${meta.severity})`);
    this.log(`  pass: ${meta.title}`);
    this.log(`  fail: ${meta.failureTitle}`);
    this.log(`\n${meta.description}\n\nFix: ${remediationText(meta.fixes)}`);
    this.log(`\nNeeds: ${meta.requiredArtifacts.join(', ')}`);
    // AnyCheck erases the options type to `any`; a check's options are an object (`Check<A, O extends object>`).
    const defaultOptions = check.defaultOptions as object;
    if (Object.keys(defaultOptions).length > 0) this.log(`Options (defaults): ${JSON.stringify(defaultOptions)}`);
    return {...meta, defaultOptions};
  }
}
