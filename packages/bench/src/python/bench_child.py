# multiproc-bench's child for --python FILE.py:FN: Python's own multiprocessing on the same calls as
# the JavaScript cells, in a fresh python3 per run. One JSON argument (see python-plan.ts), one
# result line, the same protocol as the JavaScript child (child/protocol.ts).
#   python3 bench_child.py '{"op": "run", "mode": "map", "workers": 2, ...}'
# Modes: main (a plain loop), map (Pool(workers).map, or starmap), imap (Pool.imap, one item per
# message), process (one Process per item, at most `workers` alive at once, the article's way).
# The clock covers what the JavaScript child's does: Pool() to the last result, or the first
# start() to the last join().
import importlib
import json
import os
import sys
import time
import traceback
from multiprocessing import Pool, Process
from multiprocessing.connection import wait

PREFIX = "MULTIPROC-BENCH "


def describe(error):
    stack = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return {"name": type(error).__name__, "message": str(error), "stack": stack}


def load(spec):
    # Imported by its name from its folder (not from a path), so that a pickled function is found
    # again by a worker under any start method (fork, spawn, forkserver).
    # No __pycache__ left in the user's folder by a benchmark.
    sys.dont_write_bytecode = True
    folder, name = os.path.split(os.path.abspath(spec["file"]))
    sys.path.insert(0, folder)
    return importlib.import_module(os.path.splitext(name)[0])


class ItemFailure(Exception):
    def __init__(self, item, error):
        super().__init__(str(error))
        self.item = item
        self.error = error


def find_item(fn, calls, error):
    """After a failed map: the first item whose call throws, run here one at a time."""
    for i, args in enumerate(calls):
        try:
            fn(*args)
        except Exception as e:  # noqa: BLE001 - the user's task may throw anything
            return ItemFailure(i, e)
    return ItemFailure(None, error)


def main_loop(fn, calls):
    start = time.perf_counter()
    for i, args in enumerate(calls):
        try:
            fn(*args)
        except Exception as e:  # noqa: BLE001
            raise ItemFailure(i, e) from e
    return time.perf_counter() - start


def pooled(fn, calls, spec):
    start = time.perf_counter()
    pool = Pool(spec["workers"])
    try:
        if spec["mode"] == "imap":
            for _ in pool.imap(fn, [args[0] for args in calls]):
                pass
        elif spec["single"]:
            pool.map(fn, [args[0] for args in calls])
        else:
            pool.starmap(fn, calls)
    except Exception as e:  # noqa: BLE001
        pool.terminate()
        raise find_item(fn, calls, e) from e
    seconds = time.perf_counter() - start
    pool.close()
    pool.join()
    return seconds


def one_process_each(fn, calls, spec):
    alive = {}  # sentinel -> (process, item)
    start = time.perf_counter()
    for item, args in enumerate(calls):
        while len(alive) >= spec["workers"]:
            reap(alive, fn, calls)
        p = Process(target=fn, args=tuple(args))
        p.start()
        alive[p.sentinel] = (p, item)
    while alive:
        reap(alive, fn, calls)
    return time.perf_counter() - start


def reap(alive, fn, calls):
    for sentinel in wait(list(alive)):
        p, item = alive.pop(sentinel)
        p.join()
        if p.exitcode != 0:
            for other, _ in alive.values():
                other.kill()
            # The child printed its traceback to stderr; the error itself is found again here.
            try:
                fn(*calls[item])
            except Exception as e:  # noqa: BLE001
                raise ItemFailure(item, e) from e
            raise ItemFailure(item, RuntimeError("the Process ended with exit code %d" % p.exitcode))


def own_peak_kib():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def answer(spec):
    try:
        module = load(spec)
    except BaseException as e:  # noqa: BLE001 - a SystemExit at import is a load failure too
        return {"ok": False, "phase": "module", "error": describe(e)}
    if spec["op"] == "check":
        names = sorted(n for n in vars(module) if not n.startswith("_"))
        functions = [n for n in names if callable(getattr(module, n)) and not isinstance(getattr(module, n), type)]
        return {"ok": True, "exports": names, "functions": functions}
    fn = getattr(module, spec["function"])
    with open(spec["callsFile"]) as f:
        calls = json.load(f)
    try:
        if spec["mode"] == "main":
            seconds = main_loop(fn, calls)
        elif spec["mode"] == "process":
            seconds = one_process_each(fn, calls, spec)
        else:
            seconds = pooled(fn, calls, spec)
    except ItemFailure as failure:
        result = {"ok": False, "phase": "task", "error": describe(failure.error)}
        if failure.item is not None:
            result["item"] = failure.item
        return result
    except Exception as e:  # noqa: BLE001
        return {"ok": False, "phase": "run", "error": describe(e)}
    return {"ok": True, "ms": seconds * 1000, "stats": None, "ownPeakKiB": own_peak_kib()}


if __name__ == "__main__":
    result = answer(json.loads(sys.argv[1]))
    print(PREFIX + json.dumps(result), flush=True)
    sys.exit(0 if result["ok"] else 3)
