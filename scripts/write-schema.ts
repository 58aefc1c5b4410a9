/**
 * Writes templates/shipcheck.schema.json, the JSON Schema editors validate config files against,
 * from the config schema and the check registry. Run `npm run schema` after adding a check or
 * changing the config schema; a test fails while the committed file is stale.
 */
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {CHECKS} from '../checks/index.js';
import {configJsonSchema} from '../src/engine/config-schema.js';
import {templatesDir} from '../src/core/paths.js';

const file = join(templatesDir(), 'shipcheck.schema.json');
await writeFile(file, `${JSON.stringify(configJsonSchema(CHECKS), null, 2)}\n`);
console.log(`wrote ${file}`);
