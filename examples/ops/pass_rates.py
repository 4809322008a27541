# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: MRP Workbench contributors
"""Reducer for examples/solution_eval.yaml.

reduce(outputs) receives the map outputs in shard order and returns
{"results": [...every problem, in dataset order...],
 "summary": {"overall": {...}, "by_category": {category: {passed, total, pass_rate}},
             "slowest": [{id, duration_ms}], "errors": [{id, error}]}}.
"""


def _rate(passed, total):
    return round(passed / total, 4) if total else 0.0


def reduce(outputs):
    results = []
    for output in outputs:
        results.extend(output["results"])
    by_category = {}
    for r in results:
        c = by_category.setdefault(r["category"], {"passed": 0, "total": 0})
        c["total"] += 1
        if r["passed"]:
            c["passed"] += 1
    for c in by_category.values():
        c["pass_rate"] = _rate(c["passed"], c["total"])
    passed = sum(1 for r in results if r["passed"])
    slowest = sorted(results, key=lambda r: (-r["duration_ms"], r["id"]))[:3]
    return {
        "results": results,
        "summary": {
            "overall": {"passed": passed, "total": len(results), "pass_rate": _rate(passed, len(results))},
            "by_category": by_category,
            "slowest": [{"id": r["id"], "duration_ms": r["duration_ms"]} for r in slowest],
            "errors": [{"id": r["id"], "error": r["error"]} for r in results if r["error"]],
        },
    }
