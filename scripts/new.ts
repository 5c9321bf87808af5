// npm run new -- "<policy area name>": scaffold a new draft sheet that passes `npm run check`.
import { scaffoldSheet } from '../src/scaffold.ts';
import { quietOnClosedPipe } from '../src/cli.ts';

quietOnClosedPipe();

process.exitCode = (await scaffoldSheet(process.cwd(), process.argv.slice(2).join(' '))) ? 0 : 1;
