import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's package; .ci/run installs it. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, and off the network on its own account (without these flags it calls home and floods a closed network). */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Whether Chromium is there; when it is not, says on stderr that `suite`'s browser part is skipped (never a silent pass). */
export function hasChromium(suite: string): boolean {
  const found = fs.existsSync(CHROMIUM);
  if (!found) process.stderr.write(`${suite}: browser part SKIPPED, ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run does it as root)\n`);
  return found;
}

/** Headless Chromium on a fresh profile, 1440×900; `close()` also removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-test-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1440, height: 900 } });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
