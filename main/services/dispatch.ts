/**
 * One call through the contract, for both hosts: validate the request with the call's zod schema,
 * run the handler, and turn the outcome into an ApiResponse. User errors keep their plain message;
 * anything else is logged and reported as an internal error without leaking internals.
 */
import { contract, type ApiHandlers, type ApiResponse, type CallName } from '../../shared/api/contract.ts';
import { isUserError } from '../../shared/errors.ts';

export async function callHandler(handlers: ApiHandlers, name: CallName, request: unknown): Promise<ApiResponse<unknown>> {
  const parsed = contract[name].request.safeParse(request);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, error: { code: 'bad-request', message: `Invalid request for ${name}${where}: ${issue?.message ?? 'invalid'}.` } };
  }
  try {
    const handler = handlers[name] as (request: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (isUserError(error)) return { ok: false, error: { code: 'user', message: error.message } };
    console.error(`tessera: ${name} failed:`, error);
    return { ok: false, error: { code: 'internal', message: `Tessera hit an internal error during ${name}; the project was not changed.` } };
  }
}
