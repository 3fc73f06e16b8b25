# Python's multiprocessing on the bench's tasks, for the reference row: a warm Pool of 2 workers
# (apply_async burst, single apply round trips, map over numbers and over small dicts with its
# automatic chunks), then the article's Process program; each map and the program run --repeats
# times, their median counted. Prints one line: BENCH {json}.
#   python3 bench.py [--tasks 20000] [--trips 2000] [--map-items 20000] [--repeats 5]
import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from multiprocessing import Pool, Process


def add(o):
    return o["a"] + o["b"]


def inc(x):
    return x + 1


def write_hi(fname):
    with open(fname, "w") as f:
        for _ in range(4):
            f.write("hi")


# What measure-run.ts does too: maps of the measured items first, not counted (its MAP_WARM_UPS),
# and a pause between runs of the Process program (its PAUSE_BETWEEN_RUNS_MS).
MAP_WARM_UPS = 3
PAUSE_BETWEEN_RUNS_MS = 50


def per_second(count, seconds):
    return count / seconds


def median_rate(runs, items, run):
    rates = []
    for _ in range(runs):
        t = time.perf_counter()
        run()
        rates.append(per_second(items, time.perf_counter() - t))
    return statistics.median_high(rates)


def pool_measures(args):
    out = {}
    t = time.perf_counter()
    with Pool(2) as pool:
        pool.map(add, [{"a": 1, "b": 1}, {"a": 2, "b": 1}])
        out["readyMs"] = (time.perf_counter() - t) * 1000
        warm = max(50, min(2000, args.tasks // 10))
        for r in [pool.apply_async(add, ({"a": i, "b": 1},)) for i in range(warm)]:
            r.get()

        t = time.perf_counter()
        for r in [pool.apply_async(add, ({"a": i, "b": 1},)) for i in range(args.tasks)]:
            r.get()
        out["burstPerSec"] = per_second(args.tasks, time.perf_counter() - t)

        trips = []
        for i in range(args.trips):
            t = time.perf_counter()
            pool.apply(add, ({"a": i, "b": 1},))
            trips.append((time.perf_counter() - t) * 1e6)
        trips.sort()
        out["tripMedianUs"] = trips[len(trips) // 2]
        out["tripP99Us"] = trips[min(len(trips) - 1, -(-99 * len(trips) // 100) - 1)]

        # A map of 20,000 tiny items takes a few ms: the median of several runs counts.
        numbers = list(range(args.map_items))
        for _ in range(MAP_WARM_UPS):  # as measure-run.ts: the same maps first, not counted
            pool.map(inc, numbers)
        out["mapNumbersPerSec"] = median_rate(args.repeats, args.map_items, lambda: pool.map(inc, numbers))

        objects = [{"a": i, "b": 1} for i in range(args.map_items)]
        for _ in range(MAP_WARM_UPS):  # as measure-run.ts: the same maps first, not counted
            pool.map(add, objects)
        out["mapObjectsPerSec"] = median_rate(args.repeats, args.map_items, lambda: pool.map(add, objects))
    return out


def process_start(runs):
    with tempfile.TemporaryDirectory(prefix="multiproc-bench-") as d:
        files = [os.path.join(d, name) for name in ("sample1.txt", "sample2.txt")]
        times = []
        for i in range(runs):
            if i > 0:
                time.sleep(PAUSE_BETWEEN_RUNS_MS / 1000)  # as measure-run.ts: no run beside the last one's teardown
            t = time.perf_counter()
            processes = [Process(target=write_hi, args=(f,)) for f in files]
            for p in processes:
                p.start()
            for p in processes:
                p.join()
            times.append((time.perf_counter() - t) * 1000)
        return statistics.median_high(times)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=20000)
    parser.add_argument("--trips", type=int, default=2000)
    parser.add_argument("--map-items", type=int, default=20000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--only", choices=["start"])
    args = parser.parse_args()
    out = {"runtime": "python", "version": platform.python_version()}
    if args.only != "start":
        out.update(pool_measures(args))
    out["processStartMs"] = process_start(args.repeats)
    print("BENCH " + json.dumps(out), flush=True)
