import * as path from 'node:path';
import { projectRoot } from '../../../common/runtime/project-root';
import { buildExplorerAssets, EXPLORER_ASSETS_DIR } from './build-explorer-assets';

// `npm run build` runs this after swc: the explorer's browser assets into dist/graphiql/.
buildExplorerAssets(path.join(projectRoot(), EXPLORER_ASSETS_DIR)).catch((error: Error) => {
  process.stderr.write(`build: the GraphiQL explorer failed to bundle: ${error.message}\n`);
  process.exitCode = 1;
});
