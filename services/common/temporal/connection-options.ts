import * as fs from 'node:fs';
import type { ConnectionOptions } from '@temporalio/client';
import type { AppConfig } from '../config/app.config';

/** Client/worker connection options for the configured cluster (plain, mTLS or Temporal Cloud API key). */
export function temporalConnectionOptions(temporal: AppConfig['temporal'], address: string): ConnectionOptions {
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
