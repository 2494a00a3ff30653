export * from './customerIdentifiers';
export * from './customerProcess';
