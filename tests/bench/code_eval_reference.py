# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: MRP Workbench contributors
"""The reference approach to running generated code, for tst_bench_code_eval.

What openai/human-eval's execution.py does per sample, re-written for this benchmark: a thread
pool of `workers` threads; per sample a multiprocessing Manager (a server process holding the
result list) and a multiprocessing Process that makes a temporary folder, switches it to, turns
off destructive functions, swallows stdout/stderr, arms a SIGALRM timer of `timeout` seconds
and exec()s `prompt + completion + "\\n" + test + "\\ncheck(entry_point)"`; the caller joins for
timeout + 1 s and kills it when it is still alive. No sandbox, no memory or process limits.

    python3 code_eval_reference.py DATASET.jsonl WORKERS TIMEOUT > verdicts.jsonl

Prints one line per sample: {"task_id", "sample", "passed"}, and on stderr the wall time.
"""

import contextlib
import io
import json
import multiprocessing
import os
import signal
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor


class _Timeout(Exception):
    pass


class _Sink(io.StringIO):
    def read(self, *a, **k):
        raise OSError("write-only")

    readline = readlines = read

    def readable(self, *a, **k):
        return False


def _disable_destructive():
    import builtins
    import shutil
    import subprocess
    for mod, names in ((os, ("kill", "system", "putenv", "remove", "removedirs", "rmdir", "fchdir", "setuid",
                             "fork", "forkpty", "killpg", "rename", "renames", "truncate", "replace",
                             "unlink", "fchmod", "fchown", "chmod", "chown", "chroot", "lchown", "getcwd", "chdir")),
                       (shutil, ("rmtree", "move", "chown")), (subprocess, ("Popen",))):
        for name in names:
            setattr(mod, name, None)
    builtins.help = None
    for name in ("ipdb", "joblib", "resource", "psutil", "tkinter"):
        sys.modules[name] = None


def _child(program, timeout, result):
    with tempfile.TemporaryDirectory() as folder:
        cwd = os.getcwd()
        os.chdir(folder)
        import shutil
        rmtree, rmdir, chdir = shutil.rmtree, os.rmdir, os.chdir
        _disable_destructive()
        try:
            sink = _Sink()
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                def on_alarm(_sig, _frame):
                    raise _Timeout()
                signal.signal(signal.SIGALRM, on_alarm)
                signal.setitimer(signal.ITIMER_REAL, timeout)
                try:
                    exec(program, {})
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            result.append("passed")
        except _Timeout:
            result.append("timed out")
        except BaseException as e:  # noqa: B902
            result.append("failed: %s" % e)
        shutil.rmtree, os.rmdir, os.chdir = rmtree, rmdir, chdir
        os.chdir(cwd)


def check(record, timeout):
    program = record["prompt"] + record["completion"] + "\n" + record["test"] + "\n" + \
        "check(%s)" % record["entry_point"]
    manager = multiprocessing.Manager()
    result = manager.list()
    p = multiprocessing.Process(target=_child, args=(program, timeout, result))
    p.start()
    p.join(timeout=timeout + 1)
    if p.is_alive():
        p.kill()
    verdict = result[0] if result else "timed out"
    manager.shutdown()
    return {"task_id": record["task_id"], "sample": record["sample"], "passed": verdict == "passed"}


def main(argv):
    path, workers, timeout = argv[1], int(argv[2]), float(argv[3])
    with open(path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        verdicts = list(pool.map(lambda r: check(r, timeout), records))
    elapsed = time.monotonic() - start
    for v in verdicts:
        sys.stdout.write(json.dumps(v, sort_keys=True) + "\n")
    sys.stderr.write("reference: %d samples in %.3f s\n" % (len(records), elapsed))


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    main(sys.argv)
