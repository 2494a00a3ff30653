export * from './checkpointStore';
export * from './errors';
export * from './projection';
export * from './projectionGroup';
export * from './projectionRunner';
export * from './projectionStatus';
