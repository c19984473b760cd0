// The few fields of autocannon's result the benchmarks read (the package ships no types).
declare module 'autocannon' {
  interface Result {
    requests: { total: number; average: number };
    latency: { p50: number; p99: number; max: number };
    non2xx: number;
    errors: number;
    timeouts: number;
  }
  /** `overallRate` caps the requests per second across all connections (a fixed-rate load). */
  function autocannon(options: { url: string; connections: number; duration: number; overallRate?: number }): Promise<Result>;
  export default autocannon;
}
