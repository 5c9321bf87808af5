import type { Message } from '../messages.ts';

/** An error the user can act on: carries the message's problem and fix, never a stack trace to show. */
export class PrintError extends Error {
  readonly problem: string;
  readonly fix: string;
  constructor(message: Message) {
    super(`${message.problem}\n${message.fix}`);
    this.name = 'PrintError';
    this.problem = message.problem;
    this.fix = message.fix;
  }
}
