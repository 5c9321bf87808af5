// npm run build: validate -> charts -> pages -> print -> verify -> dist/ (whole or not at all).
import { runBuild } from '../src/pipeline.ts';
import { quietOnClosedPipe } from '../src/cli.ts';

quietOnClosedPipe();

process.exitCode = (await runBuild(process.cwd(), { layoutReport: process.argv.includes('--layout-report') })) ? 0 : 1;
