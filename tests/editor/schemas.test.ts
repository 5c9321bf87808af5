import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEditorSchemas, editorSchemas } from '../../src/editor-schemas.ts';
import { projectRoot } from '../helpers/fixture.ts';

describe('editor schemas (autocompletion and field help)', () => {
  const built = buildEditorSchemas();

  it.each(editorSchemas.map((entry) => entry.file))(
    'schemas/%s is up to date (run `npm run schemas` after changing src/schemas/)',
    (file) => {
      expect(readFileSync(path.join(projectRoot, 'schemas', file), 'utf8')).toBe(built.get(file));
    },
  );

  it('gives every field of every schema a description, the help an editor sees (.describe() in src/schemas/)', () => {
    type Node = { [key: string]: unknown; properties?: Record<string, Node>; description?: string };
    const undescribed: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) return node.forEach((item, index) => walk(item, `${at}[${index}]`));
      if (typeof node !== 'object' || node === null) return;
      const { properties, ...rest } = node as Node;
      for (const [field, property] of Object.entries(properties ?? {})) {
        if (typeof property.description !== 'string' || property.description.trim() === '')
          undescribed.push(`${at}.${field}`);
        walk(property, `${at}.${field}`);
      }
      for (const [key, value] of Object.entries(rest)) walk(value, `${at}/${key}`);
    };
    for (const [file, json] of built) {
      const schema = JSON.parse(json) as Node;
      expect(schema['title'], file).not.toBe(file);
      walk(schema, file);
    }
    expect(undescribed).toEqual([]);
  });

  it('describes each field with its own help, also where two objects share field names', () => {
    const sheet = JSON.parse(built.get('policy-area.schema.json') ?? '{}') as {
      properties: {
        charts: { items: { oneOf: { properties: Record<string, { description?: string; const?: string }> }[] } };
      };
    };
    const options = sheet.properties.charts.items.oneOf;
    for (const option of options) expect(option.properties['alt']?.description).toMatch(/screen-reader/);
    // Each chart kind's `kind` says what that kind draws (not the first kind's words for all).
    const kinds = options.map((option) => option.properties['kind']?.description);
    expect(new Set(kinds).size).toBe(kinds.length);
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
