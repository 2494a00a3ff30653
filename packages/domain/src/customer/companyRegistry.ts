import type { Address } from '../values/address';
import type { TaxId } from '../values/taxId';

/** What a company registry knows about a tax id. */
export interface CompanyRecord {
  readonly name: string;
  readonly address?: Address;
}

/**
 * A public register of companies (the Polish GUS is one). The library ships no client: the
 * embedding backend implements this port. `undefined` means "no such company"; a rejected
 * promise means the registry could not be asked.
 */
export interface CompanyRegistry {
  readonly lookup: (taxId: TaxId) => Promise<CompanyRecord | undefined>;
}
