/**
 * `shipcheck help [COMMAND]`: oclif's own help command, bundled with ours rather than loaded as a
 * plugin from node_modules (the installed package has none).
 */
import {commands} from '@oclif/plugin-help';

export default commands.help;
