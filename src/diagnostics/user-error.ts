import type { Message } from '../messages.ts';

/** Where a user's mistake is, when one file holds it. */
export interface ErrorPlace {
  /** Path relative to the project root, e.g. data/ogp-commitments-sample.csv. */
  file?: string | undefined;
  /** 1-based line in that file. */
  line?: number | undefined;
  /**
   * When the mistake is in the definition that named the file rather than inside it (a
   * missing file, a wrong tag): that definition's field, e.g. `data`, `tag` or `spec`.
   */
  field?: string | undefined;
}

/**
 * The one error type for mistakes a user can fix, thrown by any stage (data files, chart
 * specs, printing): it carries the message's problem and fix and where the mistake is, and
 * is reported as such, never with a stack trace. Anything else thrown is a bug of ours.
 */
export class UserError extends Error {
  readonly problem: string;
  readonly fix: string;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly field: string | undefined;
  constructor(message: Message, place: ErrorPlace = {}) {
    super(`${message.problem}\n${message.fix}`);
    this.name = 'UserError';
    this.problem = message.problem;
    this.fix = message.fix;
    this.file = place.file;
    this.line = place.line;
    this.field = place.field;
  }

  /** The problem and fix, as messages.ts words them. */
  get details(): Message {
    return { problem: this.problem, fix: this.fix };
  }
}
