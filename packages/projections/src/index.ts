export * from './runner';
export * from './customerSearch';
export * from './orderBoard';
