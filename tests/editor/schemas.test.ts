import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEditorSchemas, editorSchemas } from '../../src/editor-schemas.ts';
import { projectRoot } from '../helpers/fixture.ts';

describe('editor schemas (autocompletion and field help)', () => {
  const built = buildEditorSchemas(projectRoot);

  it.each(editorSchemas.map((entry) => entry.file))(
    'schemas/%s is up to date (run `npm run schemas` after changing src/schemas/)',
    (file) => {
      expect(readFileSync(path.join(projectRoot, 'schemas', file), 'utf8')).toBe(built.get(file));
    },
  );

  it('carries every field doc comment as help, including nested and shared fields', () => {
    const commitment = JSON.parse(built.get('commitment.schema.json') ?? '{}') as {
      properties: Record<string, { description?: string }>;
    };
    for (const [field, property] of Object.entries(commitment.properties))
      expect(property.description, field).toBeTruthy();
    const sheet = JSON.parse(built.get('policy-area.schema.json') ?? '{}') as {
      properties: { charts: { items: { oneOf: { properties: Record<string, { description?: string }> }[] } } };
    };
    for (const option of sheet.properties.charts.items.oneOf)
      expect(option.properties['alt']?.description).toMatch(/screen-reader/);
  });

  it('maps each content folder to its schema for VS Code', () => {
    const settings = JSON.parse(readFileSync(path.join(projectRoot, '.vscode/settings.json'), 'utf8')) as {
      'yaml.schemas': Record<string, string>;
    };
    for (const entry of editorSchemas.filter((item) => !item.files.endsWith('(frontmatter)'))) {
      expect(settings['yaml.schemas'][`./schemas/${entry.file}`]).toBe(entry.files);
    }
  });
});
