import type { FromEngineHost, ToEngineHost } from '../../api/engineProtocol';
import type { Result } from '../../api/errors';
import type { JobKind } from '../../api/handlers';
import type { Progress } from '../../api/progress';

/** Whatever runs the engine host: an Electron utility process or a worker thread. */
export interface EngineChannel {
  post(message: ToEngineHost): void;
  onMessage(listener: (message: FromEngineHost) => void): void;
  onExit(listener: (code: number) => void): void;
  stop(): void;
}

/**
 * The face's handle on the engine host: calls are matched to answers by id, progress goes to a
 * listener, and a host that dies fails every pending call instead of leaving it hanging.
 */
export class EngineClient {
  private nextId = 1;
  private nextJob = 1;
  private readonly pending = new Map<number, (r: Result<unknown>) => void>();
  private readonly jobs = new Map<string, (r: Result<unknown>) => void>();
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
      else if (m.type === 'progress') this.onProgress(m.jobId, m.progress);
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

  /** Starts a job; resolves with its id at once, and `done` resolves when it ends. */
  async startJob(kind: JobKind): Promise<{ jobId: string; done: Promise<Result<unknown>> }> {
    await this.ready;
    const jobId = `job-${this.nextJob++}`;
    const done = new Promise<Result<unknown>>((resolve) => this.jobs.set(jobId, resolve));
    this.channel.post({ type: 'job', jobId, kind });
    return { jobId, done };
  }

  cancel(jobId: string): void {
    this.channel.post({ type: 'cancel', jobId });
  }

  stop(): void {
    this.channel.stop();
  }
}
