/**
 * Chooses actions. `act` fills `out` (one value per ground action, see the
 * layout; it arrives holding the default action) for the given state at step
 * `t` of episode `episode`.
 */
export interface Policy {
  readonly name: string;
  act(state: Float64Array, t: number, episode: number, out: Float64Array): void;
  /** Called when an episode starts. */
  startEpisode?(episode: number): void;
}
