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

/** TLS settings: a client certificate (mTLS), a private CA and a server name, each only when configured. */
function tlsConfig(temporal: AppConfig['temporal']): TLSConfig | true | undefined {
  if (!temporal.tls) return undefined;
  const config: TLSConfig = {};
  if (temporal.tlsCertPath && temporal.tlsKeyPath) {
    config.clientCertPair = { crt: fs.readFileSync(temporal.tlsCertPath), key: fs.readFileSync(temporal.tlsKeyPath) };
  }
  if (temporal.tlsCaPath) config.serverRootCACertificate = fs.readFileSync(temporal.tlsCaPath);
  if (temporal.tlsServerName) config.serverNameOverride = temporal.tlsServerName;
  return Object.keys(config).length ? config : true;
}

/** Client/worker connection options for the configured cluster (plain, mTLS, private CA or Temporal Cloud API key). */
export function temporalConnectionOptions(temporal: AppConfig['temporal'], address: string): TemporalConnectionOptions {
  const tls = tlsConfig(temporal);
  return {
    address,
    tls,
    apiKey: temporal.apiKey,
    metadata: temporal.apiKey ? { 'temporal-namespace': temporal.namespace } : undefined,
  };
}
