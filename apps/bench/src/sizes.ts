// How much of each measurement one run does: the run's options, times a row's factors.

/** How much of each measurement one run does. */
export interface Sizes {
  tasks: number;
  trips: number;
  mapItems: number;
  /** Runs of each map and of the Process program within one run (their median counts). */
  repeats: number;
}
