import type { FromEngineHost, ToEngineHost } from '../../api/engineProtocol';
import type { Result } from '../../api/errors';
import type { JobKind, JobProgress, JobRequest } from '../../api/jobs';
import type { Progress } from '../../api/progress';

/** How many finished jobs a late subscriber is still told about. */
const RECENT_FINISHED = 8;

/** Whatever runs the engine host: an Electron utility process or a worker thread. */
export interface EngineChannel {
  post(message: ToEngineHost): void;
  onMessage(listener: (message: FromEngineHost) => void): void;
  onExit(listener: (code: number) => void): void;
  stop(): void;
}

/**
 * The face's handle on the engine host: calls are matched to answers by id, job events go to
 * subscribers (the Electron window, web mode's event stream), and a host that dies fails every
 * pending call and job instead of leaving it hanging.
 */
export class EngineClient {
  private nextId = 1;
  private nextJob = 1;
  private readonly pending = new Map<number, (r: Result<unknown>) => void>();
  private readonly jobs = new Map<string, (r: Result<unknown>) => void>();
  private readonly subscribers = new Set<(p: JobProgress) => void>();
  /** The latest event of each running and recently finished job, oldest first. */
  private readonly latest = new Map<string, JobProgress>();
  readonly ready: Promise<string>;

  constructor(
    private readonly channel: EngineChannel,
    private readonly onProgress: (jobId: string, p: Progress) => void = () => undefined,
  ) {
    let resolveReady!: (dbPath: string) => void;
    let rejectReady!: (err: Error) => void;
    this.ready = new Promise((res, rej) => {
      resolveReady = res;
      rejectReady = rej;
    });
    this.ready.catch(() => undefined); // observed by callers; never an unhandled rejection
    channel.onMessage((m) => {
      if (m.type === 'ready') resolveReady(m.dbPath);
      else if (m.type === 'fatal') rejectReady(new Error(m.message));
      else if (m.type === 'result') this.settle(this.pending, m.id, m.result);
      else if (m.type === 'progress') {
        this.onProgress(m.jobId, m.progress);
        this.publish({ ...m.progress, jobId: m.jobId, kind: this.latest.get(m.jobId)?.kind });
      }
      else if (m.type === 'job-done') this.settle(this.jobs, m.jobId, m.result);
    });
    channel.onExit((code) => {
      const error = { name: 'EngineExitedError', code: 'ENGINE_EXITED', message: `the engine stopped (exit code ${code})` };
      rejectReady(new Error(error.message));
      for (const done of [...this.pending.values(), ...this.jobs.values()]) done({ ok: false, error });
      this.pending.clear();
      this.jobs.clear();
    });
  }

  private settle<K>(map: Map<K, (r: Result<unknown>) => void>, key: K, result: Result<unknown>) {
    const done = map.get(key);
    map.delete(key);
    done?.(result);
  }

  async call(name: string, args: unknown): Promise<Result<unknown>> {
    try {
      await this.ready;
    } catch (err) {
      return { ok: false, error: { name: 'EngineExitedError', code: 'ENGINE_EXITED', message: (err as Error).message } };
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.channel.post({ type: 'call', id, name, args });
    });
  }

  /**
   * Starts a job; resolves with its id at once, and `done` resolves when it ends. Subscribers get
   * its progress and then one event with `finished` and the value or error.
   */
  async startJob(job: JobRequest): Promise<{ jobId: string; done: Promise<Result<unknown>> }> {
    await this.ready;
    const jobId = `job-${this.nextJob++}`;
    const kind: JobKind = job.kind;
    const done = new Promise<Result<unknown>>((resolve) => this.jobs.set(jobId, resolve));
    this.publish({ jobId, kind, phase: 'start', done: 0, total: 0 });
    void done.then((result) => {
      const last = this.latest.get(jobId);
      const end = result.ok ? { value: result.value } : { error: result.error };
      this.publish({ jobId, kind, phase: last?.phase ?? kind, done: last?.done ?? 0, total: last?.total ?? 0, finished: true, ...end });
    });
    this.channel.post({ type: 'job', jobId, job });
    return { jobId, done };
  }

  /** Every job event from now on; returns an unsubscribe function. */
  subscribe(listener: (p: JobProgress) => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  /** The latest event of running and recently finished jobs, for a subscriber that joins late. */
  recentJobs(): JobProgress[] {
    return [...this.latest.values()];
  }

  private publish(p: JobProgress): void {
    this.latest.delete(p.jobId); // re-inserted last: the map stays in order of the latest event
    this.latest.set(p.jobId, p);
    const finished = [...this.latest.values()].filter((e) => e.finished);
    for (const old of finished.slice(0, Math.max(0, finished.length - RECENT_FINISHED))) this.latest.delete(old.jobId);
    for (const listener of this.subscribers) listener(p);
  }

  cancel(jobId: string): void {
    this.channel.post({ type: 'cancel', jobId });
  }

  stop(): void {
    this.channel.stop();
  }
}
