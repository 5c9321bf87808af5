// npm run schemas: write the editor JSON Schemas (autocompletion and field help) to schemas/.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildEditorSchemas } from '../src/editor-schemas.ts';

for (const [file, json] of buildEditorSchemas()) {
  writeFileSync(path.join('schemas', file), json);
  process.stdout.write(`schemas/${file}\n`);
}
