export * from './deciderSpecification';
export * from './eventStoreContract';
