export * from './runner';
export * from './customerSearch';
