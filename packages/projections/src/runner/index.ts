export * from './checkpointStore';
export * from './errors';
export * from './projection';
export * from './projectionRunner';
