import { MERGE_FIELDS, type FieldChoices, type RegisterInput } from '@tillstream/domain';
import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/Either';
import { send } from './httpErrors';
import {
  commandContextOf,
  contextHeadersSchema,
  requestOf,
  staffOnly,
  type ContextHeaders,
} from './requestContext';
import type { ServerDeps } from './serverDeps';

const text = { type: 'string', maxLength: 200 } as const;

const registerSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    customerId: { type: 'string', minLength: 1, maxLength: 64 },
    phone: text,
    card: text,
    firstName: text,
    lastName: text,
    gender: text,
    email: text,
    groupId: { type: 'string', minLength: 1, maxLength: 64 },
    comments: { type: 'string', maxLength: 2000 },
  },
} as const;

const mergeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['sourceCustomerId', 'targetCustomerId'],
  properties: {
    sourceCustomerId: { type: 'string', minLength: 1 },
    targetCustomerId: { type: 'string', minLength: 1 },
    choices: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(
        MERGE_FIELDS.map((f) => [f, { type: 'string', enum: ['source', 'target'] }]),
      ),
    },
    reason: { type: 'string', maxLength: 500 },
  },
} as const;

interface MergeBody {
  readonly sourceCustomerId: string;
  readonly targetCustomerId: string;
  readonly choices?: FieldChoices;
  readonly reason?: string;
}

/** Customers: register, search, read, and merge duplicates (preview first, then for good). */
export const customerRoutes = (app: FastifyInstance, { till, search }: ServerDeps): void => {
  app.post<{ Headers: ContextHeaders; Body: RegisterInput }>(
    '/customers',
    { schema: { headers: contextHeadersSchema, body: registerSchema } },
    async (request, reply) =>
      send(
        reply,
        await till.customers.register(commandContextOf(request.headers), request.body),
        ({ customerId, customer, warnings }) => ({ customerId, customer, warnings }),
        201,
      ),
  );

  app.get<{ Headers: ContextHeaders; Querystring: { q: string } }>(
    '/customers',
    {
      schema: {
        headers: contextHeadersSchema,
        querystring: {
          type: 'object',
          required: ['q'],
          properties: { q: { type: 'string', minLength: 1, maxLength: 200 } },
        },
      },
    },
    async (request, reply) => {
      const allowed = staffOnly(request.headers, 'the customer search');
      if (E.isLeft(allowed)) return send(reply, allowed);
      // Search is a read model: waiting for it to reach the log's head lets a till find the
      // customer it registered a moment ago. A busy backend may answer from what it has instead.
      await search.waitFor();
      return search.model().search(request.headers['x-tenant-id'], request.query.q);
    },
  );

  app.get<{ Headers: ContextHeaders; Params: { customerId: string } }>(
    '/customers/:customerId',
    { schema: { headers: contextHeadersSchema } },
    async (request, reply) => {
      const { tenantId, actor } = requestOf(request.headers);
      // With the actor the shop's rules decide: a customer's screen sees only its own record.
      return send(reply, await till.customers.get(tenantId, request.params.customerId, actor));
    },
  );

  const mergeRequest = (headers: ContextHeaders, body: MergeBody) => {
    const { tenantId, actor, idempotencyKey } = requestOf(headers);
    return {
      tenantId,
      actor,
      sourceCustomerId: body.sourceCustomerId,
      targetCustomerId: body.targetCustomerId,
      ...(body.choices === undefined ? {} : { choices: body.choices }),
      ...(body.reason === undefined ? {} : { reason: body.reason }),
      // The key names the merge: a retry after a dropped connection resumes it instead of starting another.
      ...(idempotencyKey === undefined ? {} : { mergeId: idempotencyKey }),
    };
  };

  app.post<{ Headers: ContextHeaders; Body: MergeBody }>(
    '/customers/merges/preview',
    { schema: { headers: contextHeadersSchema, body: mergeSchema } },
    async (request, reply) =>
      send(reply, await till.customers.previewMerge(mergeRequest(request.headers, request.body))),
  );

  app.post<{ Headers: ContextHeaders; Body: MergeBody }>(
    '/customers/merges',
    { schema: { headers: contextHeadersSchema, body: mergeSchema } },
    async (request, reply) =>
      send(
        reply,
        await till.customers.merge(mergeRequest(request.headers, request.body)),
        (done) => done,
        201,
      ),
  );
};
