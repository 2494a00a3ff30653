export { parseLocation, type Location } from './location';
export { jsonlRecords, openEventStoreDB, readLocation, type OpenStore } from './openLocation';
