export { auditLog, type AuditOptions, type AuditReport } from './auditLog';
export { formatCsv } from './formatCsv';
export { formatTable } from './formatTable';
export type { LedgerEntry, WalletSummary } from './walletLedger';
export type { MergeSummary } from './mergeLedger';
export type { OrderStep, OrderSummary } from './orderLifecycle';
export type { EventRef, Violation } from './violation';
export { auditJsonlFile, defaultAuditThreads, type JsonlAuditOptions } from './auditJsonlFile';
