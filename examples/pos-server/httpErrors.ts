import { ValidationError, type TillstreamError } from '@tillstream/domain';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import * as E from 'fp-ts/Either';

/**
 * The HTTP status of a refusal, by the error's kind: malformed input 400, not allowed 403, a
 * missing customer, order or merge 404, a rule or a concurrent change standing in the way 409.
 * Anything else (an event that does not decode, a projection failure) is the server's fault.
 */
export const statusOf = (error: TillstreamError): number => {
  switch (error.kind) {
    case 'validation':
      return 400;
    case 'permission':
      return 403;
    case 'domain':
      return error.code.endsWith('not_found') ? 404 : 409;
    case 'concurrency':
    case 'idempotency':
      return 409;
    default:
      return 500;
  }
};

/** Sends a facade's outcome: the value (shaped by `body`) with `ok`, or the refusal's `toJSON()` with its status. */
export const send = <A>(
  reply: FastifyReply,
  outcome: E.Either<TillstreamError, A>,
  body: (value: A) => unknown = (value) => value,
  ok = 200,
): FastifyReply =>
  E.isLeft(outcome)
    ? reply.code(statusOf(outcome.left)).send(outcome.left.toJSON())
    : reply.code(ok).send(body(outcome.right));

/**
 * Requests the JSON schemas refuse are answered like the library's own validation refusals
 * (`kind`, `code`, `message`, `details`), so a client reads every 4xx the same way.
 */
export const errorHandler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
  const [first] = error.validation ?? [];
  if (first !== undefined) {
    const where = error.validationContext ?? 'body';
    const field = `${where}${first.instancePath.replace(/\//g, '.')}`;
    const refusal = new ValidationError(
      'request.invalid',
      `The request's ${field} ${first.message ?? 'is not valid'}.`,
      field,
      first.params,
    );
    return reply.code(400).send(refusal.toJSON());
  }
  if (error.statusCode !== undefined && error.statusCode < 500)
    return reply.code(error.statusCode).send({ kind: 'request', code: error.code, message: error.message });
  request.log.error(error);
  return reply.code(500).send({ kind: 'server', code: 'server.error', message: 'Something went wrong.' });
};
