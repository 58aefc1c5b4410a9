/** The Action's entry point: esbuild bundles this file into dist/action/index.js (see action.yml). */
import {runAction} from './run.js';

process.exitCode = await runAction(process.env, (line) => process.stdout.write(`${line}\n`));
