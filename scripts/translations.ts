// npm run translations: how every sheet stands in each language (what is missing, what changed in English).
// npm run translations -- record <file>...: record that translation files match the current English.
import { quietOnClosedPipe } from '../src/cli.ts';
import { checkContent, translationSummary } from '../src/content/index.ts';
import { formatIssues } from '../src/diagnostics/index.ts';
import { recordTranslation } from '../src/content/translation-record.ts';
import { messages } from '../src/messages.ts';

quietOnClosedPipe();
const root = process.cwd();
const [command, ...files] = process.argv.slice(2);
const checked = await checkContent(root);

if (command === 'record') {
  if (files.length === 0) {
    console.log(messages.translations.recordUsage());
    process.exitCode = 1;
  }
  for (const file of files) {
    const result = await recordTranslation(root, checked.content, file);
    console.log(result.text);
    if (!result.ok) process.exitCode = 1;
  }
} else if (command !== undefined) {
  console.log(messages.translations.recordUsage());
  process.exitCode = 1;
} else {
  const issues = checked.translations.issues;
  if (issues.length > 0) console.log(`${formatIssues(issues)}\n`);
  console.log(translationSummary(checked.translations) ?? messages.translations.noTranslations());
}
