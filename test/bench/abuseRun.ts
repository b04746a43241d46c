import { abuseCompiledServer, describeAbuse } from './abuse.js';

/**
 * `npm run bench:abuse`: the abuse run alone (test/bench/abuse.ts), which `npm run bench` also prints at
 * its end. BENCH_FLOOD sets the requests per token flood (default 200).
 */
async function main(): Promise<void> {
  const flood = Number(process.env.BENCH_FLOOD ?? 200);
  const figures = await abuseCompiledServer(Number.isInteger(flood) && flood > 0 ? flood : 200);
  for (const line of describeAbuse(figures)) console.log(line);
  if (process.env.BENCH_SHOW_LEAKS === '1') for (const leaked of figures.leakedLines.slice(0, 5)) console.log(`    [${leaked.stream}] ${leaked.line.slice(0, 400)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
