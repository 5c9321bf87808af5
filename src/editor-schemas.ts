/**
 * JSON Schemas for editors, made from the Zod schemas: VS Code (with the YAML extension)
 * and other editors use them to autocomplete fields and show each field's description
 * (its `.describe()` in src/schemas/, Zod's metadata) as help while an editor types.
 * `npm run schemas` writes them to schemas/; a test keeps them in step with src/schemas/.
 */
import { z } from 'astro/zod';
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
    files: 'content/commitments/*.yaml',
  },
  {
    file: 'recommendations.schema.json',
    schema: RecommendationsSchema,
    source: 'recommendations.ts',
    files: 'content/recommendations/*.yaml',
  },
  {
    file: 'members.schema.json',
    schema: MembersFileSchema,
    source: 'member.ts',
    files: 'content/members.yaml',
  },
  {
    file: 'datasets.schema.json',
    schema: DatasetsFileSchema,
    source: 'dataset.ts',
    files: 'data/datasets.yaml',
  },
  {
    file: 'policy-area.schema.json',
    schema: PolicyAreaSchema,
    source: 'policy-area.ts',
    files: 'content/policy-areas/*.mdx (frontmatter)',
  },
  {
    file: 'commitment-translation.schema.json',
    schema: CommitmentTranslationSchema,
    source: 'translation.ts',
    files: 'content/commitments/*/*.yaml',
  },
  {
    file: 'recommendations-translation.schema.json',
    schema: RecommendationsTranslationSchema,
    source: 'translation.ts',
    files: 'content/recommendations/*/*.yaml',
  },
  {
    file: 'policy-area-translation.schema.json',
    schema: PolicyAreaTranslationSchema,
    source: 'translation.ts',
    files: 'content/policy-areas/*/*.mdx (frontmatter)',
  },
] as const;

type JsonSchema = { [key: string]: unknown; description?: string };

/** The editor schemas as file name -> JSON text; the file schema's description is its title. */
export function buildEditorSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of editorSchemas) {
    const { description, ...json } = z.toJSONSchema(entry.schema, {
      io: 'input',
      unrepresentable: 'any',
    }) as JsonSchema;
    const withTitle = {
      $schema: json['$schema'],
      title: description ?? entry.file,
      ...json,
      $comment: `Generated from src/schemas/${entry.source} by npm run schemas: do not edit.`,
    };
    out.set(entry.file, `${JSON.stringify(withTitle, null, 2)}\n`);
  }
  return out;
}
