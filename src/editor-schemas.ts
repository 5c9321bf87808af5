/**
 * JSON Schemas for editors, made from the Zod schemas: VS Code (with the YAML extension)
 * and other editors use them to autocomplete fields and show each field's doc comment as
 * help while an editor types. `npm run schemas` writes them to schemas/; a test keeps
 * them in step with src/schemas/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';
import ts from 'typescript';
import { CommitmentSchema } from './schemas/commitment.ts';
import { DatasetsFileSchema } from './schemas/dataset.ts';
import { MembersFileSchema } from './schemas/member.ts';
import { PolicyAreaSchema } from './schemas/policy-area.ts';
import { RecommendationsSchema } from './schemas/recommendations.ts';
import {
  CommitmentTranslationSchema,
  PolicyAreaTranslationSchema,
  RecommendationsTranslationSchema,
} from './schemas/translation.ts';

/** Each editor schema: its file under schemas/, the Zod schema, and the files it describes. */
export const editorSchemas = [
  {
    file: 'commitment.schema.json',
    schema: CommitmentSchema,
    source: 'commitment.ts',
    exportName: 'CommitmentSchema',
    files: 'content/commitments/*.yaml',
  },
  {
    file: 'recommendations.schema.json',
    schema: RecommendationsSchema,
    source: 'recommendations.ts',
    exportName: 'RecommendationsSchema',
    files: 'content/recommendations/*.yaml',
  },
  {
    file: 'members.schema.json',
    schema: MembersFileSchema,
    source: 'member.ts',
    exportName: 'MembersFileSchema',
    files: 'content/members.yaml',
  },
  {
    file: 'datasets.schema.json',
    schema: DatasetsFileSchema,
    source: 'dataset.ts',
    exportName: 'DatasetsFileSchema',
    files: 'data/datasets.yaml',
  },
  {
    file: 'policy-area.schema.json',
    schema: PolicyAreaSchema,
    source: 'policy-area.ts',
    exportName: 'PolicyAreaSchema',
    files: 'content/policy-areas/*.mdx (frontmatter)',
  },
  {
    file: 'commitment-translation.schema.json',
    schema: CommitmentTranslationSchema,
    source: 'translation.ts',
    exportName: 'CommitmentTranslationSchema',
    files: 'content/commitments/*/*.yaml',
  },
  {
    file: 'recommendations-translation.schema.json',
    schema: RecommendationsTranslationSchema,
    source: 'translation.ts',
    exportName: 'RecommendationsTranslationSchema',
    files: 'content/recommendations/*/*.yaml',
  },
  {
    file: 'policy-area-translation.schema.json',
    schema: PolicyAreaTranslationSchema,
    source: 'translation.ts',
    exportName: 'PolicyAreaTranslationSchema',
    files: 'content/policy-areas/*/*.mdx (frontmatter)',
  },
] as const;

type JsonSchema = { [key: string]: unknown; properties?: Record<string, JsonSchema>; description?: string };

/** The doc comments of the fields of every object literal in src/schemas/, keyed by the literal's field names. */
function fieldDocs(schemasDir: string): { objects: Map<string, Record<string, string>>; exports: Map<string, string> } {
  const objects = new Map<string, Record<string, string>>();
  const exports = new Map<string, string>();
  const docOf = (node: ts.Node): string | undefined => {
    const text = ts
      .getJSDocCommentsAndTags(node)
      .map((doc) => (typeof doc.comment === 'string' ? doc.comment : ''))
      .join(' ')
      .trim();
    return text === '' ? undefined : text;
  };
  for (const file of ts.sys.readDirectory(schemasDir, ['.ts'])) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const literals = new Map<string, ts.ObjectLiteralExpression>();
    const collect = (literal: ts.ObjectLiteralExpression): Record<string, string> => {
      const docs: Record<string, string> = {};
      for (const property of literal.properties) {
        if (ts.isSpreadAssignment(property) && ts.isIdentifier(property.expression)) {
          const spread = literals.get(property.expression.text);
          if (spread !== undefined) Object.assign(docs, collect(spread));
        } else if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name)) {
          docs[property.name.text] = docOf(property) ?? '';
        }
      }
      return docs;
    };
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer !== undefined) {
        if (ts.isObjectLiteralExpression(node.initializer)) literals.set(node.name.text, node.initializer);
        const doc = docOf(node.parent.parent);
        if (doc !== undefined) exports.set(node.name.text, doc);
      }
      if (ts.isObjectLiteralExpression(node)) {
        const docs = collect(node);
        objects.set(Object.keys(docs).sort().join(','), docs);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { objects, exports };
}

/** Adds each field's doc comment as its `description`, matching objects by their set of fields. */
function describe(schema: unknown, objects: Map<string, Record<string, string>>): void {
  if (Array.isArray(schema)) {
    for (const item of schema) describe(item, objects);
    return;
  }
  if (typeof schema !== 'object' || schema === null) return;
  const node = schema as JsonSchema;
  if (node.properties !== undefined) {
    const docs = objects.get(Object.keys(node.properties).sort().join(','));
    for (const [key, property] of Object.entries(node.properties)) {
      const doc = docs?.[key];
      if (doc !== undefined && doc !== '' && property.description === undefined) property.description = doc;
    }
  }
  for (const value of Object.values(node)) describe(value, objects);
}

/** The editor schemas as file name -> JSON text. */
export function buildEditorSchemas(root: string): Map<string, string> {
  const { objects, exports } = fieldDocs(path.join(root, 'src/schemas'));
  const out = new Map<string, string>();
  for (const entry of editorSchemas) {
    const json = z.toJSONSchema(entry.schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    describe(json, objects);
    const title = exports.get(entry.exportName);
    const withTitle = {
      $schema: json['$schema'],
      title: title ?? entry.file,
      ...json,
      $comment: `Generated from src/schemas/${entry.source} by npm run schemas: do not edit.`,
    };
    out.set(entry.file, `${JSON.stringify(withTitle, null, 2)}\n`);
  }
  return out;
}
