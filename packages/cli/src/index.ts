export { buildProgram } from './program';
export { runDemo } from './demo';
export * from './jsonl';
