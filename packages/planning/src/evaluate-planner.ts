import type { CompiledModel } from '@rddl/compiler';
import { evaluatePolicyAsync, pairedDifference, type ConstraintMode, type EvaluationResult, type StepRecord, type Summary } from '@rddl/sim';
import type { Planner, PlannerStats } from './planner.js';

export interface PlannerEvaluation {
  readonly planner: string;
  readonly result: EvaluationResult;
  /** Seconds spent planning (prepare plus every act call). */
  readonly planSeconds: number;
  readonly stats: PlannerStats;
}

export interface PlannerEvaluationOptions {
  readonly episodes: number;
  /** Seed of the evaluation's draws: every planner evaluated with the same seed sees the same draws. */
  readonly seed: number | string;
  readonly constraints?: ConstraintMode;
  readonly onEpisode?: (episode: number, ret: number) => void;
  readonly onStep?: (record: StepRecord) => void;
}

/**
 * Evaluate a planner on the (unmodified) evaluation model: episodes 0..N-1
 * of the evaluation seed, so planners compared with the same seed face the
 * same random draws (common random numbers) and their returns pair up.
 */
export async function evaluatePlanner(compiled: CompiledModel, planner: Planner, options: PlannerEvaluationOptions): Promise<PlannerEvaluation> {
  let planSeconds = 0;
  const timed = async <T>(fn: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      planSeconds += (performance.now() - start) / 1000;
    }
  };
  if (planner.prepare) await timed(() => planner.prepare!());
  const result = await evaluatePolicyAsync(
    compiled,
    {
      name: planner.name,
      ...(planner.startEpisode ? { startEpisode: (e: number) => planner.startEpisode!(e) } : {}),
      act: (state, t, episode, out) => {
        const start = performance.now();
        const pending = planner.act(state, t, episode, out);
        if (!pending) {
          planSeconds += (performance.now() - start) / 1000;
          return;
        }
        return pending.then(() => {
          planSeconds += (performance.now() - start) / 1000;
        });
      },
    },
    {
      episodes: options.episodes,
      seed: options.seed,
      ...(options.constraints ? { constraints: options.constraints } : {}),
      ...(options.onEpisode ? { onEpisode: options.onEpisode } : {}),
      ...(options.onStep ? { onStep: options.onStep } : {}),
    },
  );
  return { planner: planner.name, result, planSeconds, stats: planner.stats?.() ?? {} };
}

/** Paired difference of returns (a − b, episode by episode) with its 95% CI. */
export function compareReturns(a: PlannerEvaluation, b: PlannerEvaluation): Summary {
  return pairedDifference(a.result.returns, b.result.returns);
}
