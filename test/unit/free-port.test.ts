import * as fs from 'node:fs';
import * as net from 'node:net';
import { findFreePort } from '../../services/common/runtime/ports';

const RANGE = '/proc/sys/net/ipv4/ip_local_port_range';

describe('findFreePort', () => {
  it('gives a port a server can bind, below the range the OS hands to outgoing connections', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => findFreePort()));
    if (fs.existsSync(RANGE)) {
      const start = Number(fs.readFileSync(RANGE, 'utf8').trim().split(/\s+/)[0]);
      for (const port of ports) expect(port + 1000).toBeLessThan(start); // the port and Temporal's HTTP port above it
    }
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(ports[0], '127.0.0.1', resolve); });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
