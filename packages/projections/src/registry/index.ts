export * from './identifierValues';
export * from './uniquenessRegistry';
export * from './uniquenessRegistryProjection';
