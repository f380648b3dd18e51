import type { Result } from '../api/errors';
import type { Progress } from '../api/progress';
import type { UtilityProcessLike } from './electronApi';
import type { FromEngineHost, JobKind, ToEngineHost } from './engineProtocol';

/**
 * The main process's handle on the engine's utility process: calls are matched to answers by id,
 * progress is passed to a listener, and a crashed host fails every pending call instead of hanging.
 */
export class EngineClient {
  private nextId = 1;
  private nextJob = 1;
  private readonly pending = new Map<number, (r: Result<unknown>) => void>();
  private readonly jobs = new Map<string, (r: Result<unknown>) => void>();
  readonly ready: Promise<string>;

  constructor(
    private readonly child: UtilityProcessLike,
    private readonly onProgress: (jobId: string, p: Progress) => void,
  ) {
    let resolveReady!: (dbPath: string) => void;
    let rejectReady!: (err: Error) => void;
    this.ready = new Promise((res, rej) => {
      resolveReady = res;
      rejectReady = rej;
    });
    child.on('message', (raw) => {
      const m = raw as FromEngineHost;
      if (m.type === 'ready') resolveReady(m.dbPath);
      else if (m.type === 'fatal') rejectReady(new Error(m.message));
      else if (m.type === 'result') this.settle(this.pending, m.id, m.result);
      else if (m.type === 'progress') this.onProgress(m.jobId, m.progress);
      else if (m.type === 'job-done') this.settle(this.jobs, m.jobId, m.result);
    });
    child.on('exit', (code) => {
      const error = { name: 'EngineExitedError', code: 'ENGINE_EXITED', message: `the engine process exited (code ${code})` };
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

  private post(m: ToEngineHost) {
    this.child.postMessage(m);
  }

  async call(name: string, args: unknown): Promise<Result<unknown>> {
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.post({ type: 'call', id, name, args });
    });
  }

  /** Starts a job; resolves with its id at once, and `done` resolves when it ends. */
  async startJob(kind: JobKind): Promise<{ jobId: string; done: Promise<Result<unknown>> }> {
    await this.ready;
    const jobId = `job-${this.nextJob++}`;
    const done = new Promise<Result<unknown>>((resolve) => this.jobs.set(jobId, resolve));
    this.post({ type: 'job', jobId, kind });
    return { jobId, done };
  }

  cancel(jobId: string): void {
    this.post({ type: 'cancel', jobId });
  }

  stop(): void {
    this.child.kill();
  }
}
