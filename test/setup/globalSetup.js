import { writeNativePackageShims } from './nativePackages.js';
import { startCluster } from './postgresCluster.js';

/** Once per `npm test`: the throwaway PostgreSQL cluster (see postgresCluster.js), for every worker. */
export default async function globalSetup() {
  writeNativePackageShims();
  const cluster = await startCluster();
  globalThis.oneStoryPostgres = cluster;
  process.env.ONESTORY_TEST_DATABASE_URL = cluster.url;
}
