import { Worker } from 'node:worker_threads';
import type { Database } from '../../db';
import type { RasterImage } from '../image';
import { markFeaturesFromBytes, type LocalFeatures } from './localFeatures';
import type { FromVerifierThread, ToVerifierThread } from './verifierProtocol';
import { createVerifier, verifierFromFeatures, type ShortlistVerifier, type Verification } from './verifyShortlist';

/** One photo's verifier: candidates can be verified in several rounds; results accumulate. */
export interface PhotoVerifier {
  verify(imageShas: string[]): Promise<Map<string, Verification>>;
  /** Frees the photo's features. */
  end(): void;
}

type Answer = Extract<FromVerifierThread, { type: 'verified' | 'markFeatures' }>;

interface Pending {
  worker: Worker;
  resolve: (m: Answer) => void;
  reject: (err: Error) => void;
}

/** Failed answers in a row after which the thread is given up (it cannot open the database, say). */
const MAX_FAILURES = 3;

/** Inside a packaged app the script sits in app.asar.unpacked: a worker thread is started from a real file. */
export function unpacked(script: URL): URL {
  return script.protocol === 'file:' && script.pathname.includes('/app.asar/') ? new URL(script.href.replace('/app.asar/', '/app.asar.unpacked/')) : script;
}

/**
 * Geometric verification on a worker thread. onnxruntime's `run` blocks the thread that calls it, so
 * verification on the query's thread waited for (or held up) the embedding and the OCR; on its own
 * thread the photo's features are extracted during the embedding, then sent back, and the candidates
 * are shared: the thread checks half while the query's thread reads the text and checks the other half.
 * Databases without a file (`:memory:`) are verified in-thread, as is everything once the thread has
 * failed to start.
 */
export class VerifierThread {
  private worker: Worker | null = null;
  /** closed, or the thread could not start, died before its first answer or kept failing: verify in-thread from then on */
  private broken = false;
  private answered = false;
  private failures = 0;
  /** answers the thread has given (tests check the work really ran there) */
  answers = 0;
  /** candidates the calling thread checked against features the thread sent back (tests check the work is shared) */
  checkedHere = 0;
  /** marks whose features the thread extracted for the index (tests check it did its share) */
  markAnswers = 0;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** photos whose features the thread has yet to send back (null when it cannot) */
  private readonly featuresDue = new Map<number, { worker: Worker; resolve: (f: LocalFeatures | null) => void }>();

  /** `script`: the thread's entry (tests pass a broken one). */
  constructor(private readonly script = unpacked(new URL('./verifierWorker.mjs', import.meta.url))) {}

  /**
   * Starts extracting the photo's features (on the thread) and returns its verifier. Should the thread fail
   * or stop, the photo is verified on the calling thread instead: evidence is never lost to it.
   */
  begin(db: Database, photo: RasterImage): PhotoVerifier {
    const worker = db.memory || this.broken ? null : this.started();
    if (!worker) return inThread(db, photo);
    const id = this.nextId++;
    const features = new Promise<LocalFeatures | null>((resolve) => this.featuresDue.set(id, { worker, resolve }));
    const pixels = new Uint8Array(photo.data).buffer; // a copy: the query keeps using its raster
    worker.postMessage({ type: 'begin', photo: id, dbPath: db.name, width: photo.width, height: photo.height, pixels } satisfies ToVerifierThread, [pixels]);
    const byImage = new Map<string, Verification>();
    let here: PhotoVerifier | null = null;
    let near: Promise<ShortlistVerifier | null> | null = null;
    return {
      verify: async (shas) => {
        const todo = shas.filter((sha) => !byImage.has(sha));
        if (todo.length === 0) return byImage;
        if (!here) {
          // the thread checks every other candidate while this thread, idle until the answer, checks the rest
          // against the features the thread sent back (real photos: 40 candidates took 61 ms on one thread)
          const theirs = todo.filter((_, i) => i % 2 === 0);
          const mine = todo.filter((_, i) => i % 2 === 1);
          const remote = this.request(worker, { type: 'verify', photo: id, request: 0, shas: theirs }).then(
            (reply) => (reply.type === 'verified' ? reply.results : null),
            () => null,
          );
          const local = mine.length ? await (near ??= features.then((f) => (f ? verifierFromFeatures(db, f) : null))) : null;
          if (local) {
            const checked = local.verify(mine);
            for (const sha of mine) byImage.set(sha, checked.get(sha)!);
            this.checkedHere += mine.length;
          }
          for (const [sha, v] of (await remote) ?? []) byImage.set(sha, v);
        }
        const left = todo.filter((sha) => !byImage.has(sha));
        if (left.length) for (const [sha, v] of await (here ??= inThread(db, photo)).verify(left)) byImage.set(sha, v);
        return byImage;
      },
      end: () => {
        this.featuresDue.get(id)?.resolve(null);
        this.featuresDue.delete(id);
        if (this.worker === worker) worker.postMessage({ type: 'end', photo: id } satisfies ToVerifierThread);
      },
    };
  }

  /**
   * A recorded mark's local features from its stored bytes, decoded and extracted on the thread (the index gives it
   * every other image). Where the thread cannot answer, or could not describe the image, it is done again here: the
   * result is the same either way, and a fault of the thread alone never reports a good image as bad.
   */
  async markFeatures(bytes: Buffer, decodeSide?: number): Promise<LocalFeatures> {
    const worker = this.broken ? null : this.started();
    if (worker) {
      const copy = new Uint8Array(bytes).buffer; // transferred: the stored bytes stay usable for the fallback
      const answer = await this.request(worker, { type: 'markFeatures', request: 0, bytes: copy, decodeSide }, [copy]).catch(() => null);
      if (answer?.type === 'markFeatures' && answer.features) {
        this.markAnswers++;
        return answer.features;
      }
    }
    return markFeaturesFromBytes(bytes, decodeSide);
  }

  /** Final: photos begun later are verified in-thread. */
  async close(): Promise<void> {
    this.broken = true;
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    worker.postMessage({ type: 'close' } satisfies ToVerifierThread);
    await worker.terminate();
  }

  private started(): Worker | null {
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(this.script);
      worker.unref(); // only pending requests keep a process alive
      worker.on('message', (m: FromVerifierThread) => {
        this.answered = true;
        if (m.type === 'features') {
          this.featuresDue.get(m.photo)?.resolve(m.features);
          this.featuresDue.delete(m.photo);
          return;
        }
        this.answers++;
        this.settle(m);
      });
      worker.on('error', (err) => this.fail(worker, err));
      worker.on('exit', (code) => this.fail(worker, new Error(`verification thread exited (${code})`)));
      this.worker = worker;
      this.answered = false;
      return worker;
    } catch (err) {
      this.giveUp(`it could not start: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  }

  /** Sends `message` under a new request id; rejects at once when the thread is gone (it died or was closed). */
  private request(worker: Worker, message: Extract<ToVerifierThread, { request: number }>, transfer: ArrayBuffer[] = []): Promise<Answer> {
    if (this.worker !== worker) return Promise.reject(new Error('the verification thread stopped'));
    const request = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) worker.ref();
      this.pending.set(request, { worker, resolve, reject });
      worker.postMessage({ ...message, request }, transfer);
    });
  }

  private settle(m: Exclude<FromVerifierThread, { type: 'features' }>): void {
    const p = this.pending.get(m.request);
    if (!p) return;
    this.pending.delete(m.request);
    if (this.pending.size === 0) p.worker.unref();
    if (m.type !== 'failed') {
      // only verification resets the count: answers for the index must not keep alive a thread that cannot verify
      if (m.type === 'verified') this.failures = 0;
      p.resolve(m);
    } else {
      if (++this.failures >= MAX_FAILURES) this.giveUp(`it failed ${MAX_FAILURES} times in a row: ${m.reason}`);
      p.reject(new Error(m.reason));
    }
  }

  /** A crashed thread fails what waits on it; the next query starts a new one, unless it never answered. */
  private fail(worker: Worker, err: Error): void {
    if (this.worker === worker) {
      this.worker = null;
      if (!this.answered) this.giveUp(`it stopped before its first answer: ${err.message}`);
    }
    for (const [request, p] of this.pending) {
      if (p.worker !== worker) continue;
      this.pending.delete(request);
      p.reject(err);
    }
    for (const [photo, due] of this.featuresDue) {
      if (due.worker !== worker) continue;
      this.featuresDue.delete(photo);
      due.resolve(null);
    }
  }

  /** From now on photos are verified on the calling thread; said once, as the app then runs slower. */
  private giveUp(why: string): void {
    if (this.broken) return;
    this.broken = true;
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
    console.warn(`MarkSight: geometric verification runs on the query's thread, not its own, because ${why}`);
  }
}

/** Begins verifying a photo: on `thread` when there is one, else on the calling thread. */
export function beginVerification(db: Database, photo: RasterImage, thread?: VerifierThread): PhotoVerifier {
  return thread ? thread.begin(db, photo) : inThread(db, photo);
}

/** The same verifier on the calling thread. */
function inThread(db: Database, photo: RasterImage): PhotoVerifier {
  const verifier = createVerifier(db, photo);
  verifier.catch(() => undefined); // reported by the verify call that awaits it
  return {
    verify: async (shas) => (await verifier).verify(shas),
    end: () => undefined,
  };
}
