# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: MRP Workbench contributors
"""MRP Workbench sandbox runner (the run contract, docs/run-contract.md).

Run in the package's work directory:

    python3 -u runner.py            map:    payload.json  -> entrypoint(records) -> output.json
    python3 -u runner.py --reduce   reduce: inputs.json   -> entrypoint(inputs)  -> output.json

manifest.json names the operator file, its entrypoint and the output file. The output is
canonical JSON (sorted keys, compact separators, UTF-8, no NaN/Infinity); the last line of
stdout is "MRP-OUTPUT-SHA256 <hex>", the SHA-256 of the output file's bytes, unless the
sandbox asked for the output back on stdout (MRP_RETURN_MARKER, see _return_output).

While the operator is imported and called, its sys.stdout and file descriptor 1 are redirected
to stderr (child processes included), so stdout carries only the runner's protocol lines and the digest line is never lost behind an output cap.

Exit codes: 0 ok, 3 operator raised (traceback on stderr), 4 output not canonical JSON,
5 bad package (manifest, payload/inputs, operator file or entrypoint missing or malformed),
6 out of memory (MemoryError anywhere in the operator or while encoding its output). With 3 to
6 the last line of stdout is "MRP-ERROR <why, one line>": for 3 the exception's last traceback
line ("ValueError: boom"), which no amount of the operator's printing can push out.

Standard library only; no network, no subprocesses.
"""

import os
import sys

# Never let the work directory shadow the standard library (a json.py next to the operator):
# drop the script's own folder from the import path before importing anything else.
if sys.path and os.path.abspath(sys.path[0] or ".") == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]
sys.dont_write_bytecode = True  # never leave __pycache__ in the work directory

import importlib.util  # noqa: E402
import json  # noqa: E402

# Start-up time is per shard: the built-in SHA-256 avoids loading OpenSSL through hashlib, and
# traceback is imported only when there is one to print.
try:
    from _sha2 import sha256 as _sha256  # Python >= 3.12
except ImportError:  # pragma: no cover
    try:
        from _sha256 import sha256 as _sha256  # Python <= 3.11
    except ImportError:
        from hashlib import sha256 as _sha256


def _print_exc():
    """The traceback on stderr; returns its last line ("ValueError: boom") for the error line."""
    import traceback
    traceback.print_exc()
    kind, value = sys.exc_info()[:2]
    lines = traceback.format_exception_only(kind, value)
    return lines[-1].strip() if lines else ""

EXIT_OK = 0
EXIT_OPERATOR_RAISED = 3
EXIT_BAD_OUTPUT = 4
EXIT_BAD_PACKAGE = 5
EXIT_OUT_OF_MEMORY = 6

DIGEST_PREFIX = "MRP-OUTPUT-SHA256 "
ERROR_PREFIX = "MRP-ERROR "
MODULE_NAME = "mrp_user_operator"


class RunnerExit(Exception):
    def __init__(self, code, message, cause=""):
        super().__init__(message)
        self.code = code
        self.message = message
        self.cause = cause  # the operator's exception, one line


def _err(message):
    sys.stderr.write("mrp-runner: " + message + "\n")
    sys.stderr.flush()


def _safe_name(value, what):
    """A file name inside the work directory: no folders, no parent references."""
    if not isinstance(value, str) or not value or "/" in value or "\\" in value \
            or value in (".", "..") or "\0" in value:
        raise RunnerExit(EXIT_BAD_PACKAGE, "manifest.json: %s must be a plain file name, got %r"
                         % (what, value))
    return value


def _read_manifest(reduce_mode):
    try:
        with open("manifest.json", "rb") as f:
            manifest = json.loads(f.read().decode("utf-8"))
    except FileNotFoundError:
        raise RunnerExit(EXIT_BAD_PACKAGE, "manifest.json is missing from the package")
    except (ValueError, UnicodeDecodeError) as e:
        raise RunnerExit(EXIT_BAD_PACKAGE, "manifest.json is not valid JSON: %s" % e)
    if not isinstance(manifest, dict):
        raise RunnerExit(EXIT_BAD_PACKAGE, "manifest.json must be a JSON object")
    entry = manifest.get("entrypoint", "reduce" if reduce_mode else "map_shard")
    if not isinstance(entry, str) or not entry.isidentifier():
        raise RunnerExit(EXIT_BAD_PACKAGE, "manifest.json: entrypoint must be a Python identifier, got %r"
                         % (entry,))
    return {
        "operator": _safe_name(manifest.get("operator"), "operator"),
        "entrypoint": entry,
        "output": _safe_name(manifest.get("output", "output.json"), "output"),
        "input": _safe_name(manifest.get("inputs" if reduce_mode else "payload",
                                         "inputs.json" if reduce_mode else "payload.json"),
                            "inputs" if reduce_mode else "payload"),
    }


def _read_input(name, reduce_mode):
    what = "inputs" if reduce_mode else "payload"
    try:
        with open(name, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise RunnerExit(EXIT_BAD_PACKAGE, "%s file %s is missing from the package" % (what, name))
    try:
        value = json.loads(data.decode("utf-8"))
    except MemoryError:
        raise
    except (ValueError, UnicodeDecodeError) as e:
        raise RunnerExit(EXIT_BAD_PACKAGE, "%s file %s is not valid UTF-8 JSON: %s" % (what, name, e))
    if not isinstance(value, list):
        raise RunnerExit(EXIT_BAD_PACKAGE, "%s file %s must hold a JSON array, got %s"
                         % (what, name, type(value).__name__))
    return value


def _load_entrypoint(manifest):
    path = os.path.abspath(manifest["operator"])
    if not os.path.isfile(path):
        raise RunnerExit(EXIT_BAD_PACKAGE, "operator file %s is missing from the package"
                         % manifest["operator"])
    spec = importlib.util.spec_from_file_location(MODULE_NAME, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[MODULE_NAME] = module
    spec.loader.exec_module(module)  # errors here are the operator's: the caller maps them
    fn = getattr(module, manifest["entrypoint"], None)
    if fn is None:
        raise RunnerExit(EXIT_BAD_PACKAGE, "operator %s defines no entrypoint %r"
                         % (manifest["operator"], manifest["entrypoint"]))
    if not callable(fn):
        raise RunnerExit(EXIT_BAD_PACKAGE, "entrypoint %r of %s is not callable"
                         % (manifest["entrypoint"], manifest["operator"]))
    return fn


def _call_operator(manifest, data):
    """Imports the operator and calls its entrypoint with stdout redirected to stderr: sys.stdout
    and file descriptor 1 both, so print(), os.write(1, ...) and child processes land there."""
    sys.stdout.flush()
    saved_stdout = sys.stdout
    saved_fd = os.dup(1)  # not inherited by the operator's child processes (PEP 446)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    try:
        try:
            fn = _load_entrypoint(manifest)
        except (RunnerExit, MemoryError):
            raise
        except BaseException:  # SyntaxError, ImportError, SystemExit...: the operator's fault
            cause = _print_exc()
            raise RunnerExit(EXIT_OPERATOR_RAISED, "importing operator %s raised" % manifest["operator"], cause)
        try:
            return fn(data)
        except MemoryError:
            raise
        except BaseException:
            cause = _print_exc()
            raise RunnerExit(EXIT_OPERATOR_RAISED, "operator %s.%s raised"
                             % (manifest["operator"], manifest["entrypoint"]), cause)
    finally:
        sys.stderr.flush()
        os.dup2(saved_fd, 1)
        os.close(saved_fd)
        sys.stdout = saved_stdout


def canonical_json(value):
    """The canonical encoding of the run contract (the same one the packager and engine use)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def _encode(result):
    try:
        return canonical_json(result)
    except MemoryError:
        raise
    except (TypeError, ValueError, RecursionError, UnicodeEncodeError) as e:
        raise RunnerExit(EXIT_BAD_OUTPUT, "the operator's result is not canonical JSON "
                         "(only dict/list/str/int/float/bool/None, string keys, finite numbers, "
                         "valid Unicode): %s: %s" % (type(e).__name__, e))


def _write_output(name, data):
    tmp = name + ".partial"
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, name)
    except OSError as e:  # e.g. EFBIG from the file size limit, ENOSPC
        raise RunnerExit(EXIT_BAD_OUTPUT, "could not write %s (%d bytes): %s" % (name, len(data), e))


def run(reduce_mode):
    manifest = _read_manifest(reduce_mode)
    data = _read_input(manifest["input"], reduce_mode)
    result = _call_operator(manifest, data)
    encoded = _encode(result)
    del result
    _write_output(manifest["output"], encoded)
    digest = _sha256(encoded).hexdigest()
    sys.stdout.write("\n" + DIGEST_PREFIX + digest + "\n")
    sys.stdout.flush()
    _return_output(manifest["output"], encoded)
    return EXIT_OK


def _error_line(text):
    """Why the runner failed, as the last line of stdout (which carries only protocol lines, so
    it survives however much the operator printed): "MRP-ERROR <one line>"."""
    line = " ".join(str(text).split())[:500]
    try:
        sys.stdout.write("\n" + ERROR_PREFIX + line + "\n")
        sys.stdout.flush()
    except Exception:
        pass


def _return_output(name, encoded):
    """Where fetching a file costs a call, the sandbox asks for a small output on stdout too
    (docs/run-contract.md, "Returned output"): after the digest line, a line with the marker
    it gave, then the output's bytes, and nothing after them."""
    marker = os.environ.get("MRP_RETURN_MARKER", "")
    if not marker or os.environ.get("MRP_RETURN_FILE") != name:
        return
    try:
        limit = int(os.environ.get("MRP_RETURN_MAX_BYTES", "0"))
    except ValueError:
        return
    if len(encoded) > limit:
        return
    out = sys.stdout.buffer
    out.write(b"\n" + marker.encode("utf-8", "replace") + b"\n")
    out.write(encoded)
    out.flush()


def main(argv):
    args = argv[1:]
    if args not in ([], ["--reduce"]):
        _err("usage: runner.py [--reduce]")
        return EXIT_BAD_PACKAGE
    try:
        return run(reduce_mode=bool(args))
    except RunnerExit as e:
        _err(e.message)
        _error_line(e.cause or e.message)
        return e.code
    except MemoryError:
        # Free what we can before formatting anything.
        sys.modules.pop(MODULE_NAME, None)
        _err("out of memory: the operator exceeded the sandbox memory limit")
        _error_line("MemoryError: the operator exceeded the sandbox memory limit")
        return EXIT_OUT_OF_MEMORY


if __name__ == "__main__":
    code = main(sys.argv)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        pass
    # os._exit: skip interpreter teardown (atexit handlers, threads the operator left behind).
    os._exit(code)
