export * from './auditTrail';
export * from './eventRef';
export * from './mergeAudit';
