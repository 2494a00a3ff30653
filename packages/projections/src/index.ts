export * from './runner';
export * from './customerSearch';
export * from './orderBoard';
export * from './wallet';
export * from './audit';
export * from './registry';
