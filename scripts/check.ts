// npm run check: validate all content and data, print every problem, exit 1 on any error.
import { enableCompileCache } from 'node:module';
import path from 'node:path';
import { boundCompileCache, COMPILE_CACHE } from '../src/stage-process.ts';

// The modules loaded from here on are compiled once, not every check (as npm run build's are).
boundCompileCache(process.cwd());
enableCompileCache(path.join(process.cwd(), COMPILE_CACHE));
const { runCheck } = await import('../src/check.ts');
const { quietOnClosedPipe } = await import('../src/cli.ts');

quietOnClosedPipe();

process.exitCode = (await runCheck(process.cwd())) ? 0 : 1;
