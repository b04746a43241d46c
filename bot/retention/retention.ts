import type { Stores } from '../../data/stores.js';
import { eraseStory } from '../../useCases/eraseStory.js';
import type { OutcomeRecorder } from '../../useCases/outcomes/outcomeRecorder.js';
import type { PersonRepository, ResumeCodes } from '../../useCases/ports.js';
import { RETENTION_CHANNEL, sweepRetention, type RetentionReport, type RetentionRun } from '../../useCases/retention.js';
import type { PersonSharing } from '../../useCases/sharing/personSharing.js';
import { describeErrorSafely, type Logger } from '../logger.js';

/** The name two sweeps (two instances, or the server and `npm run purge`) never hold at once. */
const SWEEP_LOCK = 'retention-sweep';

export interface RetentionParts {
  stores: Pick<Stores, 'audit' | 'ifNotRunningElsewhere'>;
  people: PersonRepository;
  resumeCodes: ResumeCodes;
  sharing: Pick<PersonSharing, 'eraseEverything' | 'eraseExpired'>;
  /** The partnership's outcome facts (a story erased by retention is counted), on this clock. */
  outcomes?: OutcomeRecorder;
  clock?: () => Date;
}

/**
 * One retention sweep, wired as the server and `npm run purge` both run it: an inactive person is erased
 * by the "delete my story" use case itself. Answers undefined, at once, while a sweep runs elsewhere.
 */
export function retentionSweep(parts: RetentionParts): (run: RetentionRun) => Promise<RetentionReport | undefined> {
  const { stores, people, resumeCodes, sharing, outcomes, clock = () => new Date() } = parts;
  const deps = {
    people,
    resumeCodes,
    audit: stores.audit,
    eraseStory: async (personId: string) => {
      await eraseStory(
        { eraseShared: (id, channel) => sharing.eraseEverything(id, channel), people, resumeCodes, ...(outcomes ? { outcomes: { recorder: outcomes, by: 'retention' as const, clock } } : {}) },
        personId,
        RETENTION_CHANNEL,
      );
    },
    eraseExpiredHandoffs: (now: Date, dryRun: boolean) => sharing.eraseExpired(now, dryRun),
  };
  return (run) => stores.ifNotRunningElsewhere(SWEEP_LOCK, () => sweepRetention(deps, run));
}

export interface RetentionSweeperOptions {
  sweep: (run: RetentionRun) => Promise<RetentionReport | undefined>;
  clock: () => Date;
  inactiveDays: number;
  log: Logger;
  /** When the first sweep runs after start, then how often. */
  firstAfterMs: number;
  everyMs: number;
}

/**
 * The daily in-process sweep: started by the server, stopped (and waited for) when it closes. A sweep that
 * finds another running elsewhere skips this round; a failed one is logged (ids never) and tried next round.
 */
export class RetentionSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RetentionReport | undefined> | undefined;
  private stopped = true;

  constructor(private readonly options: RetentionSweeperOptions) {}

  start(): void {
    this.stopped = false;
    this.schedule(this.options.firstAfterMs);
  }

  /** Sweeps now (the timer calls this; tests too). Undefined when another sweep is running, here or elsewhere. */
  sweepNow(): Promise<RetentionReport | undefined> {
    if (this.running) return this.running.then(() => undefined);
    const { sweep, clock, inactiveDays, log } = this.options;
    this.running = (async () => {
      try {
        const report = await sweep({ now: clock(), inactiveDays, dryRun: false });
        if (report) log.info('retention.swept', { ...report }); // counts only
        else log.info('retention.skipped', { reason: 'running-elsewhere' });
        return report;
      } catch (error) {
        log.error('retention.failed', describeErrorSafely(error));
        return undefined;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.sweepNow().finally(() => this.schedule(this.options.everyMs));
    }, delayMs);
    // The sweep never keeps the process alive on its own.
    this.timer.unref();
  }
}
