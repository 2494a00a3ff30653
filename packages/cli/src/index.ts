export { buildProgram } from './program';
export { runDemo } from './demo';
export * from './jsonl';
export * from './audit';
export * from './transfer';
export * from './rebuild';
export { parseLocation, readLocation, type Location } from './location';
export { writeSampleShopDay } from './testing/sampleShopDay';
