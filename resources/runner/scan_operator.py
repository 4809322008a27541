# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: MRP Workbench contributors
"""Static policy scan of a Python operator with Python's own parser (ast).

    python3 -I scan_operator.py POLICY.json OPERATOR.py

POLICY.json: {"allowedImports": [...], "blockedImports": [...], "blockedCalls": [...]}
(snake_case keys are accepted too). An empty allowedImports allows every module that is not
blocked. A blocked or allowed entry "a.b" covers "a.b" and "a.b.*".

Prints one JSON object on stdout: {"ok": bool, "findings": [{"kind", "name", "line", "col",
"message"}, ...]} with 1-based line and column, sorted by position. Kinds:
  blocked_import      import of a blocked module (or of a submodule of one)
  import_not_allowed  import outside a non-empty allowlist
  relative_import     "from . import x": operators are single files
  blocked_call        a reference to a blocked callable, however it was imported or aliased
                      (import os as o; o.system / from os import system / getattr(os, "system"))
  dynamic_getattr     getattr/setattr/delattr with a computed name while calls are blocked
  builtins_access     reaching into __builtins__ / builtins while calls are blocked
  syntax_error        the operator does not parse
Exit codes: 0 clean, 1 findings, 2 usage error or unreadable policy/operator.

It is a guard rail for generated code, not a sandbox: the sandbox is what isolates.
"""

import ast
import json
import sys


def _covered(name, entries):
    return any(name == e or name.startswith(e + ".") for e in entries)


class Scanner(ast.NodeVisitor):
    def __init__(self, policy):
        self.allowed = [str(x) for x in policy.get("allowedImports", policy.get("allowed_imports", [])) or []]
        self.blocked = [str(x) for x in policy.get("blockedImports", policy.get("blocked_imports", [])) or []]
        self.calls = [str(x) for x in policy.get("blockedCalls", policy.get("blocked_calls", [])) or []]
        self.aliases = {}   # local name -> dotted name it stands for
        self.findings = []
        self._seen = set()

    def add(self, node, kind, name, message):
        key = (node.lineno, node.col_offset, kind, name)
        if key in self._seen:
            return
        self._seen.add(key)
        self.findings.append({"kind": kind, "name": name, "line": node.lineno,
                              "col": node.col_offset + 1, "message": message})

    # -- imports -----------------------------------------------------------------------------
    def check_module(self, node, module):
        if _covered(module, self.blocked):
            self.add(node, "blocked_import", module, "import of blocked module %s" % module)
        elif self.allowed and not _covered(module, self.allowed):
            self.add(node, "import_not_allowed", module,
                     "module %s is not in the allowed imports (%s)" % (module, ", ".join(self.allowed)))

    def visit_Import(self, node):
        for a in node.names:
            self.check_module(node, a.name)
            if a.asname:
                self.aliases[a.asname] = a.name
            else:
                top = a.name.split(".")[0]
                self.aliases[top] = top
        self.generic_visit(node)

    def visit_ImportFrom(self, node):
        if node.level:
            self.add(node, "relative_import", "." * node.level + (node.module or ""),
                     "relative imports are not available to a single-file operator")
            return
        module = node.module or ""
        self.check_module(node, module)
        for a in node.names:
            if a.name == "*":
                continue
            full = module + "." + a.name
            # "from os import path" imports a submodule: check it like an import.
            if _covered(full, self.blocked):
                self.add(node, "blocked_import", full, "import of blocked module %s" % full)
            self.aliases[a.asname or a.name] = full
            if _covered(full, self.calls):
                self.add(node, "blocked_call", full, "import of blocked callable %s" % full)
        self.generic_visit(node)

    # -- references ------------------------------------------------------------------------
    def dotted(self, node):
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if isinstance(node, ast.Call) and self.is_getattr_with_constant(node):
            base = self.dotted(node.args[0])
            if base is None:
                return None
            parts.append(node.args[1].value)
            return ".".join([base] + list(reversed(parts)))
        if not isinstance(node, ast.Name):
            return None
        head = self.aliases.get(node.id, node.id)
        return ".".join([head] + list(reversed(parts)))

    @staticmethod
    def is_getattr_with_constant(node):
        return (isinstance(node.func, ast.Name) and node.func.id == "getattr" and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str))

    def check_reference(self, node):
        name = self.dotted(node)
        if name and name in self.calls:
            self.add(node, "blocked_call", name, "use of blocked callable %s" % name)
            return True
        if name and name.split(".")[0] in ("__builtins__", "builtins") and self.calls:
            self.add(node, "builtins_access", name, "reaching into builtins (%s) can bypass the blocked calls" % name)
            return True
        return False

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load):
            self.check_reference(node)

    def visit_Attribute(self, node):
        if isinstance(node.ctx, ast.Load) and self.check_reference(node):
            return  # do not report os for os.system again
        self.generic_visit(node)

    def visit_Call(self, node):
        if isinstance(node.func, ast.Name) and node.func.id in ("getattr", "setattr", "delattr") and self.calls:
            if len(node.args) >= 2 and not (isinstance(node.args[1], ast.Constant)
                                            and isinstance(node.args[1].value, str)):
                self.add(node, "dynamic_getattr", node.func.id,
                         "%s with a computed attribute name can bypass the blocked calls" % node.func.id)
            elif self.is_getattr_with_constant(node):
                self.check_reference(node)
        self.generic_visit(node)


def scan(source, policy, filename="<operator>"):
    scanner = Scanner(policy)
    try:
        tree = ast.parse(source, filename=filename)
    except SyntaxError as e:
        return [{"kind": "syntax_error", "name": "", "line": e.lineno or 0, "col": e.offset or 0,
                 "message": "the operator does not parse: %s" % e.msg}]
    except ValueError as e:  # NUL bytes
        return [{"kind": "syntax_error", "name": "", "line": 0, "col": 0,
                 "message": "the operator does not parse: %s" % e}]
    scanner.visit(tree)
    return sorted(scanner.findings, key=lambda f: (f["line"], f["col"], f["kind"], f["name"]))


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: scan_operator.py POLICY.json OPERATOR.py\n")
        return 2
    try:
        with open(argv[1], "rb") as f:
            policy = json.loads(f.read().decode("utf-8"))
        if not isinstance(policy, dict):
            raise ValueError("the policy must be a JSON object")
        with open(argv[2], "rb") as f:
            source = f.read()
    except (OSError, ValueError) as e:
        sys.stderr.write("scan_operator: %s\n" % e)
        return 2
    findings = scan(source, policy, argv[2])
    sys.stdout.write(json.dumps({"ok": not findings, "findings": findings}, sort_keys=True) + "\n")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
