// npm run check: validate all content and data, print every problem, exit 1 on any error.
import { runCheck } from '../src/check.ts';
import { quietOnClosedPipe } from '../src/cli.ts';

quietOnClosedPipe();

process.exitCode = (await runCheck(process.cwd())) ? 0 : 1;
