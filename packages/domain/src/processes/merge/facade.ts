import * as E from 'fp-ts/Either';
import type { Clock } from '../../kernel/clock';
import type { Actor } from '../../kernel/envelope';
import type { TillstreamError } from '../../kernel/errors';
import { checkCallerPrefix } from '../../kernel/facadeKeys';
import { checkRequest } from '../../kernel/facadeRequest';
import type { StateCache } from '../../kernel/handleCommand';
import type { IdGenerator } from '../../kernel/ids';
import type { TenantSecret } from '../reservation/reservationKey';
import { resolveCustomer, type ResolvedCustomer } from './customerResolution';
import { parseFieldChoices, type FieldChoices } from './mergeFields';
import { inspectMerge, type MergePreview, type MergeProcessDeps } from './mergeInspection';
import { mayMerge, type MergePolicy } from './mergePolicy';
import { readMergeRecord, resumeMerge, runMerge } from './mergeProcess';
import type { MergeRecord } from './mergeRecord';

/** What the merge facade needs, like the other facades. */
export interface MergeDeps {
  readonly store: MergeProcessDeps['store'];
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly policyFor: (tenantId: string) => MergePolicy;
  /** Keys the reservation hashes; the same secret the customers facade uses. */
  readonly tenantSecret: (tenantId: string) => TenantSecret;
  /** Folded states kept between commands (see `stateCache`); the same cache the other facades use. */
  readonly cache?: StateCache;
}

/** A merge of `sourceCustomerId` (which disappears) into `targetCustomerId` (which survives). */
export interface MergeRequest {
  readonly tenantId: string;
  readonly actor: Actor;
  readonly sourceCustomerId: string;
  readonly targetCustomerId: string;
  /** Which customer's value survives, per field, where both have one; the target's by default. */
  readonly choices?: FieldChoices;
  readonly reason?: string;
  /** Names the merge (a new id when omitted); sending the same request with it again resumes the merge. */
  readonly mergeId?: string;
}

/** A finished merge: its id and its audit record. */
export interface MergeOutcome {
  readonly mergeId: string;
  readonly record: MergeRecord;
}

/** A facade call's outcome. */
export type MergeCall<A> = Promise<E.Either<TillstreamError, A>>;

/** Merging duplicate customers: preview, merge, resume, read the record, resolve a merged-away id. */
export const mergeFacade = (deps: MergeDeps) => {
  const processDeps = (tenantId: string): MergeProcessDeps => ({
    store: deps.store,
    policy: deps.policyFor(tenantId),
    tenantSecret: deps.tenantSecret(tenantId),
    now: deps.clock.now,
    cache: deps.cache,
  });

  const checked = (r: MergeRequest): E.Either<TillstreamError, FieldChoices> => {
    const tenant = checkRequest(r.tenantId, {
      sourceCustomerId: r.sourceCustomerId,
      targetCustomerId: r.targetCustomerId,
    });
    if (E.isLeft(tenant)) return tenant;
    const named = r.mergeId === undefined ? E.right(undefined) : checkCallerPrefix('mergeId', r.mergeId);
    if (E.isLeft(named)) return named;
    const allowed = mayMerge(deps.policyFor(r.tenantId), r.actor);
    if (E.isLeft(allowed)) return allowed;
    return parseFieldChoices(r.choices);
  };

  /** What the merge would move, release and update, and what blocks it; writes nothing. */
  const previewMerge = async (r: MergeRequest): MergeCall<MergePreview> => {
    const choices = checked(r);
    if (E.isLeft(choices)) return choices;
    return inspectMerge(processDeps(r.tenantId), { ...r, choices: choices.right }, r.mergeId);
  };

  /** Merges for good: refused with the first blocker (all of them in its details) when something stands in the way. */
  const merge = async (r: MergeRequest): MergeCall<MergeOutcome> => {
    const choices = checked(r);
    if (E.isLeft(choices)) return choices;
    const mergeId = r.mergeId ?? deps.ids.newId();
    const reason = r.reason?.trim();
    const done = await runMerge(processDeps(r.tenantId), {
      tenantId: r.tenantId,
      mergeId,
      sourceCustomerId: r.sourceCustomerId,
      targetCustomerId: r.targetCustomerId,
      choices: choices.right,
      actor: r.actor,
      ...(reason === undefined || reason === '' ? {} : { reason }),
    });
    return E.map((record: MergeRecord) => ({ mergeId, record }))(done);
  };

  // No actor is a trusted caller (the backend itself); with one, the shop's customer rule `mayAct` decides.
  const mayRead = (
    tenantId: string,
    actor: Actor | undefined,
    action: 'ReadCustomer' | 'ReadMerge',
    subjectId: string,
  ): E.Either<TillstreamError, void> =>
    actor === undefined
      ? E.right(undefined)
      : deps.policyFor(tenantId).customer.mayAct(actor, action, subjectId);

  return {
    previewMerge,
    merge,
    /** Finishes a merge a crash or a pending payment left under way. */
    resumeMerge: async (tenantId: string, mergeId: string, actor: Actor): MergeCall<MergeOutcome> => {
      const tenant = checkRequest(tenantId, { mergeId });
      if (E.isLeft(tenant)) return tenant;
      return E.map((record: MergeRecord) => ({ mergeId, record }))(
        await resumeMerge(processDeps(tenantId), tenantId, mergeId, actor),
      );
    },
    /** A merge's audit record, read from its stream alone; with an actor, only if `mayAct` lets it (staff, by default). No actor means a trusted caller. */
    getMerge: async (tenantId: string, mergeId: string, actor?: Actor): MergeCall<MergeRecord> => {
      const tenant = checkRequest(tenantId, { mergeId });
      if (E.isLeft(tenant)) return tenant;
      const allowed = mayRead(tenantId, actor, 'ReadMerge', mergeId);
      return E.isLeft(allowed) ? allowed : readMergeRecord(deps, tenantId, mergeId);
    },
    /**
     * The customer that stands for this id now, following merges (A into B into C resolves A to C);
     * with an actor, only if it may read the id asked about (a customer: its own). No actor means a trusted caller.
     */
    resolveCustomer: async (
      tenantId: string,
      customerId: string,
      actor?: Actor,
    ): MergeCall<ResolvedCustomer> => {
      const tenant = checkRequest(tenantId, { customerId });
      if (E.isLeft(tenant)) return tenant;
      const allowed = mayRead(tenantId, actor, 'ReadCustomer', customerId);
      return E.isLeft(allowed) ? allowed : resolveCustomer(deps.store, tenantId, customerId);
    },
  };
};

/** Merging duplicate customers: preview, merge, resume, read the record, resolve an id. */
export type MergeFacade = ReturnType<typeof mergeFacade>;
