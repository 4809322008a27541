# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: MRP Workbench contributors
"""MRP Workbench built-in map mode `map: { program: ... }` (docs/job-format.md "map.program").

The compiler turns this file into the shard's map operator: it appends one line,
`PROGRAM_JSON = "<the job's program settings as JSON>"`, and runner.py calls map_shard(records)
as for any operator. For every record, in order:

1. the program is the job's template with `{field}` replaced by the record's field (text as is,
   other JSON values as JSON text; `{{` and `}}` are literal braces);
2. it runs in a process forked from this warm interpreter (the modules below are imported once
   per shard, so a program starts in about a millisecond), in its own empty folder, with
   stdin from /dev/null, stdout and stderr into a pipe this process reads (the first
   output_cap_kib are kept for the error line, the rest is counted and dropped), and the
   limits: wall clock timeout_s (then the whole process group and every descendant is
   killed), CPU time timeout_s + 1, address space memory_mib, processes max_processes
   (RLIMIT_NPROC, counted above the processes the sandbox already runs), no core files;
3. between this process and the program sits a small parent process of the program's own, so
   a program that kills its parent (os.kill(os.getppid(), 9)) kills only that;
4. the program passes only if it ran to its end: after the last statement, the forked
   interpreter writes a marker with a random per-record nonce to a private pipe and exits.
   exit(0), sys.exit(), os._exit(0), an exception, a signal or the timeout before that is not a
   pass. (The nonce is held by the forked interpreter; a program cannot guess it, though
   in-process introspection could read it: the sandbox, not this marker, is the isolation.)
5. afterwards every process the program left behind is killed (this process is a child
   subreaper, so double-forked and setsid() descendants are found too) and its folder removed.

Records run one after another, so a program never sees another record's folder; what a program
leaves in the shard's program folder or the work directory is removed before the next one
starts. Each record's
result is {"passed", "status", "error", "duration_ms", "output_bytes"} plus the `keep` fields
copied from the record; status is passed | failed | timed_out | crashed | out_of_memory.

Linux only (fork, rlimits, pidfd or polling); standard library only.
"""

import errno
import fcntl
import json
import os
import re
import resource
import select
import signal
import sys
import tempfile
import time

# Warm start: modules a test program commonly imports, loaded once per shard and inherited by
# every forked program (a fresh interpreter would import them per program).
for _name in ("abc", "array", "bisect", "collections", "copy", "dataclasses", "datetime", "decimal",
              "enum", "fractions", "functools", "hashlib", "heapq", "itertools", "math", "operator",
              "random", "statistics", "string", "traceback", "typing", "unittest"):
    try:
        __import__(_name)
    except Exception:  # pragma: no cover - a trimmed Python
        pass
del _name

import builtins  # noqa: E402
import io  # noqa: E402
import shutil  # noqa: E402
import traceback  # noqa: E402

_FIELD = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")
_READ_CHUNK = 1 << 20
_ERROR_LINE_MAX = 500


class _MissingField(Exception):
    pass


def assemble(template, record):
    """The program text for one record; raises _MissingField for a field the record lacks."""
    def field(m):
        token = m.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = m.group(1)
        if not isinstance(record, dict) or name not in record:
            raise _MissingField(name)
        value = record[name]
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return _FIELD.sub(field, template)


def _error_line(exc):
    """The last line of a traceback: 'Type: message' (first line of the message)."""
    text = str(exc)
    first = text.splitlines()[0] if text else ""
    line = type(exc).__name__ + (": " + first if first else "")
    return line[:_ERROR_LINE_MAX]


def _signal_name(sig):
    try:
        return signal.Signals(sig).name
    except ValueError:
        return "signal %d" % sig


def _set_subreaper():
    """Orphaned descendants of programs are re-parented to us, so they can be found and killed."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except Exception:
        return False


def _own_process_count():
    """Processes of our uid that already run (the sandbox's, ours): the program's process
    limit is counted above them."""
    uid = os.getuid()
    count = 0
    try:
        names = os.listdir("/proc")
    except OSError:
        return 8
    for name in names:
        if name.isdigit():
            try:
                if os.stat("/proc/" + name).st_uid == uid:
                    count += 1
            except OSError:
                pass
    return count


def _children(pid):
    kids = []
    try:
        names = os.listdir("/proc")
    except OSError:
        return kids
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces and parentheses; split after the last ')'.
        rest = stat[stat.rfind(b")") + 2:].split()
        if len(rest) > 1 and int(rest[1]) == pid:
            kids.append(int(name))
    return kids


def _kill_leftovers(pgid):
    """Kills the program's process group and every remaining descendant, and reaps them."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except OSError:
        pass
    me = os.getpid()
    for _ in range(1000):
        try:
            while True:
                pid, _status = os.waitpid(-1, os.WNOHANG)
                if pid == 0:
                    break
        except ChildProcessError:
            return  # no children left: the common case, no /proc scan needed
        for pid in _children(me):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.001)


def _remove_tree(path):
    def fix(func, p, _exc):
        try:
            os.chmod(os.path.dirname(p), 0o700)
            os.chmod(p, 0o700)
        except OSError:
            pass
        try:
            func(p)
        except OSError:
            pass
    try:
        os.chmod(path, 0o700)
    except OSError:
        pass
    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=fix)
    else:
        shutil.rmtree(path, onerror=fix)


def _listing(path):
    try:
        return set(os.listdir(path))
    except OSError:
        return set()


def _sweep(path, keep):
    """Removes what a program left in a shared folder (entries not in keep)."""
    for name in _listing(path) - keep:
        full = os.path.join(path, name)
        if os.path.isdir(full) and not os.path.islink(full):
            _remove_tree(full)
        else:
            try:
                os.unlink(full)
            except OSError:
                pass


def _limit(which, value):
    try:
        resource.setrlimit(which, (value, value))
    except (ValueError, OSError):
        soft, hard = resource.getrlimit(which)
        if hard == resource.RLIM_INFINITY or value < hard:
            resource.setrlimit(which, (value, hard))


def _program_process(program, cfg, folder, out_w, res_w, nonce, process_base, shard_state):
    """In the forked interpreter: sets up and runs the program; never returns."""
    me = os.getpid()
    try:
        for held in shard_state:  # other records and results stay out of this process's reach
            held.clear()
        os.chdir(folder)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out_w, 1)
        os.dup2(out_w, 2)
        os.close(null)
        os.close(out_w)
        os.environ["HOME"] = folder
        os.environ["TMPDIR"] = folder
        tempfile.tempdir = None
        stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8",
                                  errors="backslashreplace", line_buffering=True)
        sys.stdout = sys.__stdout__ = stdout
        sys.stderr = sys.__stderr__ = stdout
        sys.stdin = sys.__stdin__ = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
        sys.argv = ["<program>"]
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGALRM, signal.SIGCHLD):
            signal.signal(sig, signal.SIG_DFL)
        cpu = int(cfg["timeout_s"]) + 1
        _limit(resource.RLIMIT_CPU, cpu)
        _limit(resource.RLIMIT_CORE, 0)
        _limit(resource.RLIMIT_NPROC, process_base + int(cfg["max_processes"]))
        _limit(resource.RLIMIT_AS, int(cfg["memory_mib"]) << 20)
    except BaseException as e:  # noqa: B902 - anything here is ours, not the program's
        try:
            os.write(res_w, ("C set-up failed: " + _error_line(e) + "\n").encode("utf-8", "replace"))
        finally:
            os._exit(70)

    def report(kind, line):
        if os.getpid() == me:  # a process the program forked never reports
            os.write(res_w, (kind + " " + line.replace("\n", " ") + "\n").encode("utf-8", "replace"))

    try:
        code = compile(program, "<program>", "exec")
        exec(code, {"__name__": "__main__", "__builtins__": builtins})
        try:
            sys.stdout.flush()
        except BaseException:
            pass
    except MemoryError as e:
        try:
            report("M", _error_line(e))
        finally:
            os._exit(1)
    except BaseException as e:  # SystemExit included: ending early is not a pass
        try:
            traceback.print_exc()
            sys.stdout.flush()
        except BaseException:
            pass
        try:
            report("F", _error_line(e))
        finally:
            os._exit(1)
    if os.getpid() == me:
        try:
            os.write(res_w, ("P " + nonce + "\n").encode("ascii"))
        finally:
            os._exit(0)
    os._exit(0)


def _parent_process(program, cfg, folder, out_w, res_w, nonce, process_base, shard_state):
    """The program's own parent: forks the program, waits, exits with its status."""
    try:
        pid = os.fork()
        if pid == 0:
            _program_process(program, cfg, folder, out_w, res_w, nonce, process_base, shard_state)
        os.close(out_w)
        os.close(res_w)
        while True:
            try:
                _pid, status = os.waitpid(pid, 0)
                break
            except InterruptedError:
                continue
        if os.WIFSIGNALED(status):
            os._exit(128 + os.WTERMSIG(status))
        os._exit(os.WEXITSTATUS(status) & 0x7f)
    except BaseException:
        os._exit(126)


class _Wait:
    """Waits for a child with a deadline: a pidfd when the kernel has them, else polling."""

    def __init__(self, pid):
        self.pid = pid
        self.fd = -1
        try:
            self.fd = os.pidfd_open(pid)
        except (AttributeError, OSError):
            self.fd = -1

    def close(self):
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def poll(self):
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        return status if pid == self.pid else None


def run_record(program, cfg, root, index, process_base, shard_state):
    """Runs one program; returns (status, error, duration_ms, output_bytes)."""
    folder = os.path.join(root, "p%d" % index)
    os.mkdir(folder, 0o700)
    nonce = os.urandom(16).hex()
    out_r, out_w = os.pipe()
    res_r, res_w = os.pipe()
    try:
        fcntl.fcntl(out_r, 1031, 1 << 20)  # F_SETPIPE_SZ: fewer wake-ups for a chatty program
    except OSError:
        pass
    timeout = float(cfg["timeout_s"])
    cap = int(cfg["output_cap_kib"]) << 10
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.setpgid(0, 0)
            os.close(out_r)
            os.close(res_r)
        except BaseException:
            os._exit(126)
        _parent_process(program, cfg, folder, out_w, res_w, nonce, process_base, shard_state)
    try:
        os.setpgid(pid, pid)
    except OSError:
        pass  # the child did it first, or has already gone
    os.close(out_w)
    os.close(res_w)
    for fd in (out_r, res_r):
        os.set_blocking(fd, False)

    waiter = _Wait(pid)
    tail = bytearray()
    total = 0
    verdict = bytearray()
    status = None
    timed_out = False
    open_fds = [out_r, res_r]
    try:
        while status is None:
            remaining = start + timeout - time.monotonic()
            if remaining <= 0:
                timed_out = True
                break
            watch = list(open_fds) + ([waiter.fd] if waiter.fd >= 0 else [])
            poll_s = remaining if waiter.fd >= 0 else min(remaining, 0.002)
            ready, _w, _x = select.select(watch, [], [], poll_s)
            for fd in ready:
                if fd == waiter.fd:
                    continue
                chunk = _read(fd)
                if chunk is None:
                    continue
                if not chunk:
                    open_fds.remove(fd)
                elif fd == out_r:
                    total += len(chunk)
                    tail += chunk
                    if len(tail) > cap:
                        del tail[:len(tail) - cap]
                else:
                    if len(verdict) < 4096:
                        verdict += chunk[:4096]
            if waiter.fd < 0 or waiter.fd in ready or not open_fds:
                status = waiter.poll()
                if status is None and not open_fds and waiter.fd < 0:
                    time.sleep(0.0005)
        # Whatever the program wrote before it ended is still in the pipes.
        for fd in open_fds:
            for _ in range(256):  # bounded: a leftover process may still be writing
                chunk = _read(fd)
                if not chunk:
                    break
                if fd == out_r:
                    total += len(chunk)
                    tail += chunk
                    if len(tail) > cap:
                        del tail[:len(tail) - cap]
                elif len(verdict) < 4096:
                    verdict += chunk[:4096]
    finally:
        duration_ms = int(round((time.monotonic() - start) * 1000))
        waiter.close()
        _kill_leftovers(pid)
        if status is None and not timed_out:
            try:
                status = os.waitpid(pid, 0)[1]
            except ChildProcessError:
                pass
        os.close(out_r)
        os.close(res_r)
        _remove_tree(folder)

    state, error = _verdict(verdict, nonce, status, timed_out, tail, timeout)
    return state, error, duration_ms, total


def _read(fd):
    try:
        return os.read(fd, _READ_CHUNK)
    except BlockingIOError:
        return None
    except OSError as e:
        if e.errno == errno.EINTR:
            return None
        return b""


def _last_line(tail):
    for line in reversed(bytes(tail).decode("utf-8", "replace").splitlines()):
        if line.strip():
            return line.strip()[:_ERROR_LINE_MAX]
    return None


def _verdict(verdict, nonce, status, timed_out, tail, timeout):
    if timed_out:
        return "timed_out", "the program ran longer than %g s" % timeout
    if status is not None and os.WIFSIGNALED(status):
        # Our own child, the program's parent, was killed: whatever the program did after that
        # is not looked at, so the outcome never depends on who got to run first.
        sig = os.WTERMSIG(status)
        return "crashed", "the program's parent process was killed by %s (did the program kill it?)" \
            % _signal_name(sig)
    lines = bytes(verdict).decode("utf-8", "replace").splitlines()
    if ("P " + nonce) in lines:
        return "passed", None
    reported = [ln for ln in lines if ln[:2] in ("M ", "F ", "C ")]
    if reported:
        kind, line = reported[-1][0], reported[-1][2:]
        if kind == "M":
            return "out_of_memory", line
        if kind == "C":
            return "crashed", line
        return "failed", line
    if status is None:
        return "crashed", "the program's process vanished"
    code = os.WEXITSTATUS(status)
    if code >= 128:  # the program itself died of a signal
        sig = code - 128
        if sig == signal.SIGXCPU:
            return "timed_out", "the program used more than %d s of CPU time" % (int(timeout) + 1)
        last = _last_line(tail)
        if last and "MemoryError" in last:
            return "out_of_memory", last
        return "crashed", "killed by %s" % _signal_name(sig)
    last = _last_line(tail)
    if last and "MemoryError" in last:
        return "out_of_memory", last
    return "failed", "the program exited with code %d before it finished" % code


def map_shard(records):
    cfg = json.loads(PROGRAM_JSON)  # noqa: F821 - appended by the compiler
    template = cfg["template"]
    keep = cfg.get("keep", [])
    _set_subreaper()
    process_base = _own_process_count() + 2
    work = os.getcwd()
    root = tempfile.mkdtemp(prefix="mrp-programs-", dir=work)
    # The sandbox's own folders a program could leave files in for the next one: swept after
    # each program. (Not /tmp: without isolation it is the host's.)
    shared = [(root, set()), (work, _listing(work))]
    results = []
    shard_state = [records, results]
    try:
        for index, record in enumerate(records):
            result = {}
            if isinstance(record, dict):
                for name in keep:
                    if name in record:
                        result[name] = record[name]
            try:
                program = assemble(template, record)
            except _MissingField as e:
                result.update(passed=False, status="failed", duration_ms=0, output_bytes=0,
                              error="the record has no field '%s' that the template names" % e.args[0])
                results.append(result)
                continue
            status, error, duration_ms, output_bytes = run_record(program, cfg, root, index, process_base,
                                                                  shard_state)
            for folder, keep_names in shared:
                _sweep(folder, keep_names)
            result.update(passed=status == "passed", status=status, error=error, duration_ms=duration_ms,
                          output_bytes=output_bytes)
            results.append(result)
    finally:
        _remove_tree(root)
    return results
