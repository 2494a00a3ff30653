export * from './auditTrail';
