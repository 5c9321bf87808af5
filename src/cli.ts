/** What every command-line entry point shares. */

/**
 * `npm run check | head` closes the pipe before everything is printed: that is the reader's
 * choice, not an error worth a stack trace. The exit code still says whether there were errors.
 */
export function quietOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 1);
  });
}
