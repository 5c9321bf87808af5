// npm run review -- <git-ref>: builds the ref and the working tree and writes review/report.html, comparing every sheet's printed pages.
import path from 'node:path';
import { quietOnClosedPipe } from '../src/cli.ts';
import { messages } from '../src/messages.ts';
import { runReview } from '../src/review/index.ts';

quietOnClosedPipe();

const [ref, ...rest] = process.argv.slice(2);
const outIndex = rest.indexOf('--out');
const out = path.resolve(
  outIndex === -1 ? path.join('review', 'report.html') : (rest[outIndex + 1] ?? 'review/report.html'),
);
if (ref === undefined || ref === '') {
  process.stdout.write(`${messages.review.usage()}\n`);
  process.exitCode = 1;
} else {
  process.exitCode = (await runReview(process.cwd(), ref, out)) ? 0 : 1;
}
