export * from './kernel';
export * from './values';
export * from './wallet';
export * from './order';
export * from './customer';
export * from './tillstream';
export * from './privacy';
export * from './processes/merge';
