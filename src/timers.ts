/** Time as the gateway's background work sees it; tests drive it by hand (no sleeps). */
export interface Timers {
  now(): number;
  /** Runs `callback` after `ms`; returns a cancel function. */
  schedule(ms: number, callback: () => void): () => void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  schedule: (ms, callback) => {
    const timer = setTimeout(callback, ms);
    // Polling must never keep a stopping process alive.
    timer.unref();
    return () => clearTimeout(timer);
  },
};
