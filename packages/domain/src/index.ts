export * from './kernel';
export * from './wallet';
