/**
 * An error the user caused and can fix (bad file, wrong field, unknown territory). Its message is
 * plain language, names the file or thing at fault, and is shown to the user as it is. Anything
 * else that is thrown is a bug and is reported as an internal error.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof Error && error.name === 'UserError';
}
