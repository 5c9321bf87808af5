/**
 * Valid HTML: the Nu HTML Checker (vnu-jar, the W3C validator) over every built page, zero
 * errors. It needs Java: scripts/setup.sh installs it where it is missing. Outside CI the
 * test is skipped, with a message, only when there is no `java`; in CI it always runs.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlPages, siteDir } from './helpers.ts';

const vnuJar = path.join(
  path.dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')),
  'build/dist/vnu.jar',
);
const hasJava = spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
const inCi = process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false';

if (!hasJava && !inCi) {
  process.stderr.write(
    'tests/quality/html-valid: skipped: no `java` on this machine (run `bash scripts/setup.sh`, or install Java 11+). CI always runs it.\n',
  );
}

interface VnuMessage {
  type: string;
  subType?: string;
  url: string;
  lastLine?: number;
  firstColumn?: number;
  message: string;
  extract?: string;
}

describe.skipIf(!hasJava && !inCi)('valid HTML (Nu HTML Checker)', () => {
  it('finds no error in any built page', () => {
    const pages = htmlPages().map((file) => path.join(siteDir, file));
    expect(pages.length).toBeGreaterThan(0);
    // One short run: the JVM's optimising compiler and parallel collector cost more CPU than they save
    // (only the quick compiler and the serial collector: about half the CPU). Code of the quick
    // compiler needs more stack than 1 MB for the checker's schema (a StackOverflowError): 8 MB.
    const jvm = ['-Xss8m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
    const result = spawnSync(
      'java',
      [...jvm, '-jar', vnuJar, '--format', 'json', '--errors-only', '--exit-zero-always', ...pages],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    expect(result.error, 'java could not be run: install Java 11+ (bash scripts/setup.sh)').toBeUndefined();
    // vnu writes its JSON report to standard error.
    const report = JSON.parse(result.stderr) as { messages: VnuMessage[] };
    const errors = report.messages
      .filter((message) => message.type === 'error' || message.subType === 'fatal')
      .map(
        (message) =>
          `${path.relative(siteDir, new URL(message.url).pathname)}:${message.lastLine ?? '?'}:${message.firstColumn ?? '?'} ${message.message}${message.extract ? ` in ${JSON.stringify(message.extract.slice(0, 120))}` : ''}`,
      );
    expect(errors).toEqual([]);
  });
});
