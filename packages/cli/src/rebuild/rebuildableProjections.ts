import {
  auditTrailProjection,
  customerSearchProjection,
  defaultCustomerSearchPolicy,
  domainIdentifierReaders,
  orderBoardProjection,
  walletViewsProjection,
  type AnyProjection,
} from '@tillstream/projections';

/** Makes a fresh projection to rebuild. */
export type RebuildableProjection = () => AnyProjection;

/**
 * The library's projections by name, in the order `rebuild` runs them. Shop settings only shape
 * queries (search policy), never what is stored, so the defaults rebuild every shop's model.
 */
export const rebuildableProjections: Readonly<Record<string, RebuildableProjection>> = {
  'customer-search': () =>
    customerSearchProjection({
      policyFor: () => defaultCustomerSearchPolicy,
      readers: domainIdentifierReaders,
    }),
  'order-board': orderBoardProjection,
  'wallet-views': walletViewsProjection,
  'audit-trail': () => auditTrailProjection(),
};
