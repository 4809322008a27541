# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: MRP Workbench contributors
"""Map operator for examples/solution_eval.yaml.

Each record holds a problem: `candidate` (Python source defining `entry_point`) and `tests`
([{"args": [...], "expected": value}]). The candidate is executed in a fresh namespace and
called once per test; results are compared after a JSON round trip (tuples become lists).
Returns {"results": [{id, category, passed, tests_passed, tests_total, duration_ms, error}]}.
"""

import json
import time
import traceback


def _normalise(value):
    return json.loads(json.dumps(value))


def _check(record):
    outcome = {
        "id": record["id"],
        "category": record["category"],
        "passed": False,
        "tests_passed": 0,
        "tests_total": len(record["tests"]),
        "duration_ms": 0.0,
        "error": None,
    }
    namespace = {"__name__": "candidate"}
    start = time.perf_counter()
    try:
        exec(record["candidate"], namespace)
        function = namespace[record["entry_point"]]
    except Exception as error:  # the candidate does not even load
        outcome["error"] = "load: %s: %s" % (type(error).__name__, error)
        outcome["duration_ms"] = round((time.perf_counter() - start) * 1000.0, 3)
        return outcome
    for test in record["tests"]:
        t0 = time.perf_counter()
        try:
            result = function(*test["args"])
            ok = _normalise(result) == test["expected"]
        except Exception as error:
            ok = False
            if outcome["error"] is None:
                outcome["error"] = "%s: %s" % (type(error).__name__, error)
                outcome["traceback"] = traceback.format_exc(limit=2)
        outcome["duration_ms"] += (time.perf_counter() - t0) * 1000.0
        if ok:
            outcome["tests_passed"] += 1
    outcome["duration_ms"] = round(outcome["duration_ms"], 3)
    outcome["passed"] = outcome["tests_passed"] == outcome["tests_total"]
    return outcome


def map_shard(records):
    return {"results": [_check(record) for record in records]}
