// npm run new-edition -- <slug> <YYYY-MM-DD>: keep the current edition's PDFs, then start the new edition.
import { startNewEdition } from '../src/editions.ts';
import { quietOnClosedPipe } from '../src/cli.ts';

quietOnClosedPipe();

const [slug = '', date = ''] = process.argv.slice(2);
process.exitCode = (await startNewEdition(process.cwd(), slug, date)) ? 0 : 1;
