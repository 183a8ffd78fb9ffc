import * as fs from 'node:fs';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import type { AppConfig } from '../config/app.config';

/** What both the client `Connection` and the worker `NativeConnection` accept. */
export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig | boolean;
  apiKey?: string;
  metadata?: Record<string, string>;
}

/** Client/worker connection options for the configured cluster (plain, mTLS or Temporal Cloud API key). */
export function temporalConnectionOptions(temporal: AppConfig['temporal'], address: string): TemporalConnectionOptions {
  const tls = temporal.tls
    ? temporal.tlsCertPath && temporal.tlsKeyPath
      ? { clientCertPair: { crt: fs.readFileSync(temporal.tlsCertPath), key: fs.readFileSync(temporal.tlsKeyPath) } }
      : true
    : undefined;
  return {
    address,
    tls,
    apiKey: temporal.apiKey,
    metadata: temporal.apiKey ? { 'temporal-namespace': temporal.namespace } : undefined,
  };
}
