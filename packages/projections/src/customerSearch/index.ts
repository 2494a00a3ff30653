export * from './customerDocument';
export * from './customerIndex';
export * from './customerSearch';
export * from './fold';
export * from './identifierReaders';
export * from './searchPolicy';
export * from './customerSearchProjection';
