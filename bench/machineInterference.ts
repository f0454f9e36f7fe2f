/**
 * The exact steady state of the finite-source queue M/M/C//N (Erlang's
 * machine-interference model), the truth model B is checked against.
 *
 * With n servers down, failures arrive at rate λ_n = (N − n)/MTBF and repairs
 * finish at rate μ_n = min(n, C)/MTTR. The birth–death balance
 * p_{n+1} μ_{n+1} = p_n λ_n gives p_n ∝ Π_{k<n} λ_k / μ_{k+1}, computed in log
 * space because the products span hundreds of orders of magnitude at N = 32,000.
 */

/** Steady-state figures, named as model B's outputs. */
export interface MachineInterference {
  /** Long-run fraction of server-time up: 1 − E[n]/N. */
  availability: number;
  /** E[min(n, C)] / C. */
  crew_utilization: number;
  /** E[max(n − C, 0)]. */
  mean_queue_len: number;
  /** Failures per hour: Σ p_n λ_n. */
  failures_per_h: number;
  /** Probability that a failure finds every crew busy: arrivals see p_n weighted by N − n. */
  p_wait: number;
  /** Mean wait from failure to repair start, hours, by Little's law: E[queue] / failure rate. */
  mean_wait_h: number;
}

/** Computes the steady state for N servers, C crews and exponential MTBF, MTTR (hours). */
export function machineInterference(N: number, C: number, mtbf: number, mttr: number): MachineInterference {
  const logP = new Float64Array(N + 1);
  for (let n = 0; n < N; n++) {
    const birth = (N - n) / mtbf;
    const death = Math.min(n + 1, C) / mttr;
    logP[n + 1] = logP[n]! + Math.log(birth) - Math.log(death);
  }
  let max = -Infinity;
  for (let n = 0; n <= N; n++) max = Math.max(max, logP[n]!);
  let total = 0;
  const p = new Float64Array(N + 1);
  for (let n = 0; n <= N; n++) {
    p[n] = Math.exp(logP[n]! - max);
    total += p[n]!;
  }
  let down = 0;
  let busy = 0;
  let queue = 0;
  let rate = 0;
  let waitingArrivals = 0;
  for (let n = 0; n <= N; n++) {
    const pn = p[n]! / total;
    down += n * pn;
    busy += Math.min(n, C) * pn;
    queue += Math.max(n - C, 0) * pn;
    const arrivals = ((N - n) / mtbf) * pn;
    rate += arrivals;
    if (n >= C) waitingArrivals += arrivals;
  }
  return {
    availability: 1 - down / N,
    crew_utilization: busy / C,
    mean_queue_len: queue,
    failures_per_h: rate,
    p_wait: waitingArrivals / rate,
    mean_wait_h: queue / rate,
  };
}
