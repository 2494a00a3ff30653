export { formatRebuild } from './formatRebuild';
export { rebuildableProjections, type Rebuild } from './rebuildableProjections';
export { rebuildProjection, type RebuildFailure, type RebuildResult } from './rebuildProjection';
export { openRebuildSource, type RebuildSource } from './rebuildSource';
