// npm run new -- "<policy area name>" [--tag "<export tag column>"]: scaffold a new draft sheet that passes `npm run check`.
import { parseNewArguments, scaffoldSheet } from '../src/scaffold.ts';
import { quietOnClosedPipe } from '../src/cli.ts';

quietOnClosedPipe();

const { name, tag } = parseNewArguments(process.argv.slice(2));
process.exitCode = (await scaffoldSheet(process.cwd(), name, tag)) ? 0 : 1;
