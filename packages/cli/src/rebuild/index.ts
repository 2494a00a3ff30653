export { formatRebuild } from './formatRebuild';
export { rebuildableProjections, type RebuildableProjection } from './rebuildableProjections';
export {
  rebuildProjection,
  rebuildProjections,
  type RebuildFailure,
  type RebuildResult,
} from './rebuildProjection';
export { openRebuildSource, type RebuildSource } from './rebuildSource';
