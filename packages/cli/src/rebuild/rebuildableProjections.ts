import type { EventStore } from '@tillstream/domain';
import {
  auditTrailProjection,
  customerSearchProjection,
  defaultCustomerSearchPolicy,
  domainIdentifierReaders,
  orderBoardProjection,
  walletViewsProjection,
} from '@tillstream/projections';
import type * as E from 'fp-ts/Either';
import { rebuildProjection, type RebuildFailure, type RebuildResult } from './rebuildProjection';

/** Rebuilds one projection over a store. */
export type Rebuild = (store: EventStore) => Promise<E.Either<RebuildFailure, RebuildResult>>;

/**
 * The library's projections by name, in the order `rebuild` runs them. Shop settings only shape
 * queries (search policy), never what is stored, so the defaults rebuild every shop's model.
 */
export const rebuildableProjections: Readonly<Record<string, Rebuild>> = {
  'customer-search': (store) =>
    rebuildProjection(
      store,
      customerSearchProjection({
        policyFor: () => defaultCustomerSearchPolicy,
        readers: domainIdentifierReaders,
      }),
    ),
  'order-board': (store) => rebuildProjection(store, orderBoardProjection()),
  'wallet-views': (store) => rebuildProjection(store, walletViewsProjection()),
  'audit-trail': (store) => rebuildProjection(store, auditTrailProjection()),
};
