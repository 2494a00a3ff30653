import * as E from 'fp-ts/Either';
import type { Clock } from '../../kernel/clock';
import type { Actor } from '../../kernel/envelope';
import type { TillstreamError } from '../../kernel/errors';
import { checkCallerPrefix } from '../../kernel/facadeKeys';
import type { StateCache } from '../../kernel/handleCommand';
import type { IdGenerator } from '../../kernel/ids';
import { parseTenantId } from '../../kernel/streamName';
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
    const tenant = parseTenantId(r.tenantId);
    if (E.isLeft(tenant)) return tenant;
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
    const named =
      r.mergeId === undefined ? E.right(deps.ids.newId()) : checkCallerPrefix('mergeId', r.mergeId);
    if (E.isLeft(named)) return named;
    const mergeId = named.right;
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

  return {
    previewMerge,
    merge,
    /** Finishes a merge a crash or a pending payment left under way. */
    resumeMerge: async (tenantId: string, mergeId: string, actor: Actor): MergeCall<MergeOutcome> =>
      E.map((record: MergeRecord) => ({ mergeId, record }))(
        await resumeMerge(processDeps(tenantId), tenantId, mergeId, actor),
      ),
    /** A merge's audit record, read from its stream alone. */
    getMerge: (tenantId: string, mergeId: string): MergeCall<MergeRecord> =>
      readMergeRecord(deps, tenantId, mergeId),
    /** The customer that stands for this id now, following merges (A into B into C resolves A to C). */
    resolveCustomer: (tenantId: string, customerId: string): MergeCall<ResolvedCustomer> =>
      resolveCustomer(deps.store, tenantId, customerId),
  };
};

/** Merging duplicate customers: preview, merge, resume, read the record, resolve an id. */
export type MergeFacade = ReturnType<typeof mergeFacade>;
