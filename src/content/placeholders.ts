/**
 * The texts `npm run new` writes for an editor to replace all begin "Replace with". A draft
 * sheet may keep them (the scaffold is a draft that passes `check`); a sheet that is not a
 * draft would publish them, so each one left is an error at its place.
 */
import { formatFieldPath, type Issue, type Position } from '../diagnostics/index.ts';
import { messages } from '../messages.ts';
import type { Entry, SiteContent } from './load.ts';
import { recommendationSourceFields, sheetSourceFields } from './translations.ts';

/** Whether a text is (or begins as) one of the scaffold's placeholders. */
export function isPlaceholder(text: string): boolean {
  return /^\s*replace with\b/i.test(text);
}

/** Every placeholder left in a sheet that is not a draft, and in the recommendations it names. */
export function checkPlaceholders(content: SiteContent): Issue[] {
  const issues: Issue[] = [];
  for (const sheet of content.sheets) {
    if (sheet.data.draft) continue;
    const fix = messages.placeholderLeft(sheet.file);
    const at = (entry: Entry<unknown>, position: Position, field: string): void => {
      issues.push({ file: entry.file, ...position, field, ...fix, severity: 'error' });
    };
    for (const field of sheetSourceFields(sheet.data, '')) {
      if (field.path[0] !== 'prose' && isPlaceholder(field.value))
        at(sheet, sheet.source.locate(field.path, 'value'), formatFieldPath(field.path));
    }
    // The prose: each paragraph (or line) that begins with a placeholder, at its own line.
    const body = sheet.source.body;
    body?.text.split('\n').forEach((line, index) => {
      if (isPlaceholder(line)) at(sheet, { line: body.firstLine + index, column: 1 }, 'prose');
    });
    const recommendations = content.recommendations.get(sheet.data.recommendations);
    if (recommendations === undefined) continue;
    for (const field of recommendationSourceFields(recommendations.data)) {
      if (isPlaceholder(field.value))
        at(recommendations, recommendations.source.locate(field.path, 'value'), formatFieldPath(field.path));
    }
  }
  return issues;
}
