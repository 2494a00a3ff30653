export { exportEvents } from './exportEvents';
export { ImportConflictError } from './importConflictError';
export { importEvents } from './importEvents';
export { silentProgress, stderrProgress, type Progress } from './progress';
export { belongsToTenant, readAllEvents, type ReadAllEventsOptions } from './readAllEvents';
