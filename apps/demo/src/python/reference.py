# Python's own multiprocessing running the demo's experiments, as the reference cells. The
# article's two programs are written as the article writes them; the experiments mirror the
# workloads the demo hands @multiproc/bench's engine. Timed here; the engine reads the last line.
#   python3 reference.py MODE '{"dir": ..., ...}'
import json
import sys
import time
from multiprocessing import Pool, Process


def test(fname):
    f = open(fname, "w")
    f.write("hi")
    f.write("hi")
    f.write("hi")
    f.write("hi")
    f.close()


def hold_memory(mib, ms):
    block = bytearray(mib * 1024 * 1024)
    for i in range(0, len(block), 4096):  # touch every page, so it counts in RSS
        block[i] = 1
    time.sleep(ms / 1000)
    return block[-1]


def io_task(fname, ms):
    time.sleep(ms / 1000)
    with open(fname, "w") as f:
        f.write("hihihihi")
    return fname


def run_all(processes):
    for p in processes:
        p.start()
    for p in processes:
        p.join()


def article_process(o):
    starttime = time.time()
    p1 = Process(target=test, args=(o["dir"] + "/sample1.txt",))
    p2 = Process(target=test, args=(o["dir"] + "/sample2.txt",))
    p1.start()
    p2.start()
    p1.join()
    p2.join()
    return time.time() - starttime


def article_pool(o):
    starttime = time.time()
    pool = Pool()
    a = pool.apply_async(test, args=(o["dir"] + "/sample1.txt",))
    b = pool.apply_async(test, args=(o["dir"] + "/sample2.txt",))
    a.wait()
    b.wait()
    seconds = time.time() - starttime
    pool.terminate()
    return seconds


def creation(o):
    starttime = time.time()
    if o["api"] == "Process":
        p = Process(target=test, args=(o["dir"] + "/once.txt",))
        p.start()
        p.join()
    else:
        with Pool(o["workers"]) as pool:
            pool.apply(test, (o["dir"] + "/once.txt",))
    return time.time() - starttime


def memory(o):
    starttime = time.time()
    if o["api"] == "Process":
        run_all([Process(target=hold_memory, args=(o["mib"], o["holdMs"])) for _ in range(o["tasks"])])
    else:
        with Pool(o["workers"]) as pool:
            pool.starmap(hold_memory, [(o["mib"], o["holdMs"])] * o["tasks"], chunksize=1)
    return time.time() - starttime


def io_bound(o):
    files = [o["dir"] + "/io-%d.txt" % i for i in range(o["tasks"])]
    starttime = time.time()
    if o["api"] == "Process":
        run_all([Process(target=io_task, args=(f, o["waitMs"])) for f in files])
    else:
        # Python's Pool has no per-worker concurrency: a worker runs one task at a time.
        with Pool(o["workers"]) as pool:
            pool.starmap(io_task, [(f, o["waitMs"]) for f in files], chunksize=1)
    return time.time() - starttime


if __name__ == "__main__":
    modes = {
        "article-process": article_process,
        "article-pool": article_pool,
        "creation": creation,
        "memory": memory,
        "io-bound": io_bound,
    }
    seconds = modes[sys.argv[1]](json.loads(sys.argv[2]))
    # The engine's result line (its RESULT_PREFIX and a run result).
    result = {"ok": True, "ms": seconds * 1000, "stats": None, "ownPeakKiB": None}
    print("MULTIPROC-BENCH " + json.dumps(result))
