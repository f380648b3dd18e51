import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorData } from '../../api/errors';
import type { JobProgress, JobRequest } from '../../api/handlers';
import { api } from './apiClient';

export interface JobState {
  /** The job's latest event; null before the first start. */
  job: JobProgress | null;
  /** A start that the engine refused (bad request, engine gone). */
  startError: ErrorData | null;
  running: boolean;
  canRun: boolean;
  start(request: JobRequest): Promise<void>;
  cancel(): void;
}

/**
 * One job at a time of one kind, in either mode: starts it, follows its events (also those that
 * arrive before the start call returns the id), and calls `onFinished` once with its last event.
 */
export function useJob(onFinished?: (last: JobProgress) => void): JobState {
  const [job, setJob] = useState<JobProgress | null>(null);
  const [startError, setStartError] = useState<ErrorData | null>(null);
  const [starting, setStarting] = useState(false);
  const mine = useRef<string | null>(null);
  const early = useRef(new Map<string, JobProgress>());
  const finishedRef = useRef(onFinished);
  finishedRef.current = onFinished;

  const accept = useCallback((p: JobProgress) => {
    setJob(p);
    if (p.finished) finishedRef.current?.(p);
  }, []);

  useEffect(
    () =>
      api.onProgress?.((p) => {
        if (p.jobId === mine.current) accept(p);
        else if (mine.current === null) early.current.set(p.jobId, p);
      }),
    [accept],
  );

  const start = async (request: JobRequest) => {
    if (!api.startJob) return;
    setStartError(null);
    setStarting(true);
    mine.current = null;
    early.current.clear();
    setJob(null);
    const r = await api.startJob(request);
    setStarting(false);
    if (!r.ok) return setStartError(r.error);
    mine.current = r.value.jobId;
    accept(early.current.get(r.value.jobId) ?? { jobId: r.value.jobId, kind: request.kind, phase: 'start', done: 0, total: 0 });
    early.current.clear();
  };

  return {
    job,
    startError,
    running: starting || Boolean(job && !job.finished),
    canRun: Boolean(api.startJob && api.onProgress),
    start,
    cancel: () => {
      if (job && !job.finished) void api.cancel?.(job.jobId);
    },
  };
}
