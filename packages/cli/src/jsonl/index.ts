export { JsonlFormatError } from './jsonlFormatError';
export { JSONL_FORMAT_VERSION, decodeJsonlLine, encodeJsonlLine } from './jsonlLine';
export { readJsonl, readJsonlBatches, readJsonlFile, type JsonlRecord } from './jsonlReader';
export { jsonlWriter, type JsonlWriter } from './jsonlWriter';
