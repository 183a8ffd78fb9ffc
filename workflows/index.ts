/** The worker's sole `workflowsPath`: every shipped workflow type, by its never-changing name. */
export { automationRun } from './automation-run.workflow';
export { invoiceDeadline } from './invoice-deadline.workflow';
export { pruneRetention } from './prune-retention.workflow';
export { cardExpirySweep } from './card-expiry-sweep.workflow';
