# Python's own multiprocessing.Pool on the same tiny task, for the reference rows: an apply_async
# burst and map with its automatic chunks, on a warm pool of 2 workers. Prints one JSON line.
import json
import sys
import time
from multiprocessing import Pool


def square(x):
    return x * x


if __name__ == "__main__":
    burst, map_items = int(sys.argv[1]), int(sys.argv[2])
    with Pool(2) as pool:
        pool.map(square, range(4))
        t = time.perf_counter()
        results = [pool.apply_async(square, (i,)) for i in range(burst)]
        for r in results:
            r.get()
        burst_rate = burst / (time.perf_counter() - t)
        t = time.perf_counter()
        pool.map(square, range(map_items))
        map_rate = map_items / (time.perf_counter() - t)
    print(json.dumps({"burst": burst_rate, "map": map_rate}))
