export * from './boardInput';
export * from './orderBoard';
export * from './orderBoardProjection';
