import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { projectRoot } from '../../data/paths.js';

/**
 * The bench's PostgreSQL: a database of its own, created for the run and dropped after it. On the server in
 * DATABASE_URL when one is given (its user must be allowed to create databases); otherwise on a throwaway
 * cluster started the way the tests start theirs (test/setup/postgresCluster.js) and removed afterwards.
 */
export interface BenchDatabase {
  url: string;
  /** Where it runs: a sentence for the printed figures. */
  where: string;
  /**
   * The CPU time PostgreSQL's processes have used so far, in milliseconds: only for the throwaway cluster
   * (a server given in DATABASE_URL may be on another machine, or serve others).
   */
  cpuMs?: () => number;
  drop(): Promise<void>;
}

interface Cluster {
  url: string;
  stop(): void;
}

export async function openBenchDatabase(given = process.env.DATABASE_URL): Promise<BenchDatabase> {
  let cluster: Cluster | undefined;
  if (!given) {
    // Plain JavaScript shared with the tests' setup, loaded from the source tree whether this runs from dist/ or not.
    const { startCluster } = (await import(pathToFileURL(join(projectRoot(), 'test', 'setup', 'postgresCluster.js')).href)) as { startCluster(): Promise<Cluster> };
    cluster = await startCluster();
  }
  const serverUrl = given ?? cluster!.url;
  const name = `one_story_bench_${randomBytes(6).toString('hex')}`;
  const asAdmin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client(serverUrl);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  await asAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const postmaster = cluster ? await asAdmin(async (client) => parentOf((await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid)) : undefined;
  return {
    url: url.toString(),
    where: cluster ? 'a throwaway local cluster (fsync off), on the same 2 cores as the bots' : 'the server in DATABASE_URL',
    ...(postmaster === undefined ? {} : { cpuMs: () => clusterCpuMs(postmaster) }),
    drop: async () => {
      try {
        await asAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      } finally {
        cluster?.stop();
      }
    },
  };
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces), so index 0 is the state. */
function statFields(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function parentOf(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields ? Number(fields[1]) : undefined;
}

let ticksPerSecond: number | undefined;

/**
 * The cluster's CPU time: the postmaster's own and its finished children's (utime, stime, cutime, cstime),
 * plus each live child's (the pools' backends, the background writers). Linux only; 0 elsewhere.
 */
function clusterCpuMs(postmaster: number): number {
  const own = statFields(postmaster);
  if (!own) return 0;
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  // After the state: ppid is index 1; utime, stime, cutime, cstime are indexes 11 to 14.
  let ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(own[index]), 0);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields && Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / ticksPerSecond;
}
