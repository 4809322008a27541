# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: MRP Workbench contributors
"""Writes code_problems.jsonl: small Python problems, each with several candidate completions.

    python3 examples/inputs/code_problems.py > examples/inputs/code_problems.jsonl

Every record: task_id, sample (0, 1, ...), kind (what the sample is meant to be), prompt (the
function's signature and docstring), completion (the body a model might write), test (a
`check(candidate)` function) and entry_point. examples/code_eval.yaml assembles
`{prompt}{completion}\\n{test}\\ncheck({entry_point})` per record and runs it.

Per problem: two correct completions, one or two wrong ones; some problems add a slow one and
a hostile one (endless loop, os._exit, fork bomb, memory bomb, 20 MB of output, killing its
parent, reading or writing files outside its folder, exit(0) before the check).
"""

import json
import sys

# name, args, docstring, correct bodies, wrong bodies, asserts (on `candidate`)
PROBLEMS = [
    ("add", "a, b", "Return a + b.", ["return a + b", "return sum((a, b))"], ["return a - b"],
     ["candidate(1, 2) == 3", "candidate(-1, 1) == 0", "candidate(10, 5) == 15"]),
    ("reverse_words", "s", "Return the words of s in reverse order, joined by one space.",
     ["return ' '.join(reversed(s.split()))", "return ' '.join(s.split()[::-1])"], ["return s[::-1]"],
     ["candidate('a b c') == 'c b a'", "candidate('hello') == 'hello'", "candidate('') == ''"]),
    ("is_palindrome", "s", "Return True if s reads the same backwards, ignoring case.",
     ["t = s.lower()\n    return t == t[::-1]", "return s.lower() == ''.join(reversed(s.lower()))"],
     ["return s == s[::-1]"],
     ["candidate('Racecar') is True", "candidate('abc') is False", "candidate('') is True"]),
    ("factorial", "n", "Return n! for n >= 0.",
     ["r = 1\n    for i in range(2, n + 1):\n        r *= i\n    return r", "import math\n    return math.factorial(n)"],
     ["return n * (n - 1)"],
     ["candidate(0) == 1", "candidate(5) == 120", "candidate(10) == 3628800"]),
    ("fib", "n", "Return the n-th Fibonacci number (fib(0) = 0, fib(1) = 1).",
     ["a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a",
      "if n < 2:\n        return n\n    x, y = 0, 1\n    for _ in range(n - 1):\n        x, y = y, x + y\n    return y"],
     ["return n if n < 2 else n + (n - 1)"],
     ["candidate(0) == 0", "candidate(1) == 1", "candidate(10) == 55", "candidate(30) == 832040"]),
    ("count_vowels", "s", "Return the number of vowels (a, e, i, o, u; any case) in s.",
     ["return sum(1 for c in s.lower() if c in 'aeiou')", "return len([c for c in s if c in 'aeiouAEIOU'])"],
     ["return sum(1 for c in s if c in 'aeiou')"],
     ["candidate('Hello') == 2", "candidate('AEIOU') == 5", "candidate('xyz') == 0"]),
    ("max_of", "xs", "Return the largest element of the non-empty list xs.",
     ["return max(xs)", "m = xs[0]\n    for x in xs:\n        if x > m:\n            m = x\n    return m"],
     ["return xs[-1]", "return sorted(xs)[0]"],
     ["candidate([1, 5, 3]) == 5", "candidate([-2, -7]) == -2", "candidate([4]) == 4"]),
    ("flatten", "xss", "Return the elements of the list of lists xss in one list, in order.",
     ["return [x for xs in xss for x in xs]", "out = []\n    for xs in xss:\n        out.extend(xs)\n    return out"],
     ["return xss[0]"],
     ["candidate([[1, 2], [3], []]) == [1, 2, 3]", "candidate([]) == []"]),
    ("gcd", "a, b", "Return the greatest common divisor of the positive integers a and b.",
     ["while b:\n        a, b = b, a % b\n    return a", "import math\n    return math.gcd(a, b)"],
     ["return min(a, b)"],
     ["candidate(12, 18) == 6", "candidate(7, 13) == 1", "candidate(100, 10) == 10"]),
    ("is_prime", "n", "Return True if n is a prime number.",
     ["if n < 2:\n        return False\n    i = 2\n    while i * i <= n:\n        if n % i == 0:\n            return False\n        i += 1\n    return True",
      "return n > 1 and all(n % d for d in range(2, int(n ** 0.5) + 1))"],
     ["return n % 2 == 1"],
     ["candidate(2) is True", "candidate(15) is False", "candidate(97) is True", "candidate(1) is False"]),
    ("unique_sorted", "xs", "Return the distinct elements of xs in ascending order.",
     ["return sorted(set(xs))", "out = []\n    for x in sorted(xs):\n        if not out or out[-1] != x:\n            out.append(x)\n    return out"],
     ["return sorted(xs)"],
     ["candidate([3, 1, 3, 2]) == [1, 2, 3]", "candidate([]) == []"]),
    ("word_lengths", "s", "Return a dict mapping each word of s to its length.",
     ["return {w: len(w) for w in s.split()}", "d = {}\n    for w in s.split():\n        d[w] = len(w)\n    return d"],
     ["return [len(w) for w in s.split()]"],
     ["candidate('a bb ccc') == {'a': 1, 'bb': 2, 'ccc': 3}", "candidate('') == {}"]),
    ("caesar", "s, k", "Shift every lower-case letter of s by k places in the alphabet (wrapping).",
     ["return ''.join(chr((ord(c) - 97 + k) % 26 + 97) if c.islower() else c for c in s)",
      "import string\n    a = string.ascii_lowercase\n    t = str.maketrans(a, a[k % 26:] + a[:k % 26])\n    return s.translate(t)"],
     ["return ''.join(chr(ord(c) + k) for c in s)"],
     ["candidate('abc', 1) == 'bcd'", "candidate('xyz', 3) == 'abc'", "candidate('a b', 2) == 'c d'"]),
    ("running_sum", "xs", "Return the running sums of xs.",
     ["import itertools\n    return list(itertools.accumulate(xs))", "out, t = [], 0\n    for x in xs:\n        t += x\n        out.append(t)\n    return out"],
     ["return [sum(xs)] * len(xs)"],
     ["candidate([1, 2, 3]) == [1, 3, 6]", "candidate([]) == []"]),
    ("binary_search", "xs, target", "Return the index of target in the sorted list xs, or -1.",
     ["import bisect\n    i = bisect.bisect_left(xs, target)\n    return i if i < len(xs) and xs[i] == target else -1",
      "lo, hi = 0, len(xs) - 1\n    while lo <= hi:\n        mid = (lo + hi) // 2\n        if xs[mid] == target:\n            return mid\n        if xs[mid] < target:\n            lo = mid + 1\n        else:\n            hi = mid - 1\n    return -1"],
     ["return xs.index(target)"],
     ["candidate([1, 3, 5, 7], 5) == 2", "candidate([1, 3, 5], 4) == -1", "candidate([], 1) == -1"]),
    ("roman", "n", "Return n (1..3999) as a Roman numeral.",
     ["vals = [(1000, 'M'), (900, 'CM'), (500, 'D'), (400, 'CD'), (100, 'C'), (90, 'XC'), (50, 'L'), (40, 'XL'), (10, 'X'), (9, 'IX'), (5, 'V'), (4, 'IV'), (1, 'I')]\n    out = ''\n    for v, r in vals:\n        while n >= v:\n            out += r\n            n -= v\n    return out",
      "table = {1000: 'M', 900: 'CM', 500: 'D', 400: 'CD', 100: 'C', 90: 'XC', 50: 'L', 40: 'XL', 10: 'X', 9: 'IX', 5: 'V', 4: 'IV', 1: 'I'}\n    out = []\n    for v in sorted(table, reverse=True):\n        q, n = divmod(n, v)\n        out.append(table[v] * q)\n    return ''.join(out)"],
     ["return 'I' * n"],
     ["candidate(4) == 'IV'", "candidate(1994) == 'MCMXCIV'", "candidate(3) == 'III'"]),
    ("transpose", "m", "Return the transpose of the rectangular matrix m (a list of rows).",
     ["return [list(r) for r in zip(*m)]", "return [[row[j] for row in m] for j in range(len(m[0]))] if m else []"],
     ["return m[::-1]"],
     ["candidate([[1, 2], [3, 4]]) == [[1, 3], [2, 4]]", "candidate([[1, 2, 3]]) == [[1], [2], [3]]"]),
    ("most_common", "xs", "Return the most frequent element of xs (the first one seen on a tie).",
     ["import collections\n    c = collections.Counter(xs)\n    best = max(c.values())\n    return next(x for x in xs if c[x] == best)",
      "counts = {}\n    for x in xs:\n        counts[x] = counts.get(x, 0) + 1\n    return max(counts, key=lambda x: (counts[x], -xs.index(x)))"],
     ["return xs[0]"],
     ["candidate([1, 2, 2, 3]) == 2", "candidate(['a', 'b', 'b', 'a']) == 'a'", "candidate([5, 6, 6]) == 6"]),
    ("chunk", "xs, n", "Split xs into consecutive lists of n elements (the last may be shorter).",
     ["return [xs[i:i + n] for i in range(0, len(xs), n)]", "out = []\n    while xs:\n        out.append(xs[:n])\n        xs = xs[n:]\n    return out"],
     ["return [xs[:n], xs[n:]]"],
     ["candidate([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]", "candidate([], 3) == []"]),
    ("digits_sum", "n", "Return the sum of the decimal digits of the non-negative integer n.",
     ["return sum(int(d) for d in str(n))", "t = 0\n    while n:\n        n, d = divmod(n, 10)\n        t += d\n    return t"],
     ["return n % 9"],
     ["candidate(0) == 0", "candidate(1234) == 10", "candidate(99) == 18"]),
    ("anagrams", "a, b", "Return True if a and b are anagrams of each other (same letters, same counts).",
     ["return sorted(a) == sorted(b)", "import collections\n    return collections.Counter(a) == collections.Counter(b)"],
     ["return set(a) == set(b)"],
     ["candidate('listen', 'silent') is True", "candidate('aab', 'abb') is False", "candidate('', '') is True"]),
    ("balanced", "s", "Return True if the brackets ()[]{} in s are balanced.",
     ["pairs = {')': '(', ']': '[', '}': '{'}\n    stack = []\n    for c in s:\n        if c in '([{':\n            stack.append(c)\n        elif c in pairs:\n            if not stack or stack.pop() != pairs[c]:\n                return False\n    return not stack",
      "prev = None\n    while prev != s:\n        prev = s\n        for p in ('()', '[]', '{}'):\n            s = s.replace(p, '')\n    return not any(c in s for c in '()[]{}')"],
     ["return s.count('(') == s.count(')')"],
     ["candidate('([]{})') is True", "candidate('([)]') is False", "candidate('(]') is False", "candidate('((') is False", "candidate('') is True"]),
    ("second_largest", "xs", "Return the second largest distinct value of xs, or None.",
     ["u = sorted(set(xs))\n    return u[-2] if len(u) > 1 else None", "import heapq\n    u = heapq.nlargest(2, set(xs))\n    return u[1] if len(u) == 2 else None"],
     ["return sorted(xs)[-2]"],
     ["candidate([1, 3, 3, 2]) == 2", "candidate([5, 5]) is None", "candidate([]) is None"]),
    ("title_case", "s", "Capitalise the first letter of every word of s; words are separated by single spaces.",
     ["return ' '.join(w[:1].upper() + w[1:] for w in s.split(' '))", "return ' '.join(w.capitalize() if w.islower() else w[:1].upper() + w[1:] for w in s.split(' '))"],
     ["return s.title()"],
     ["candidate('hello world') == 'Hello World'", "candidate(\"it's me\") == \"It's Me\""]),
    ("merge_sorted", "a, b", "Merge the sorted lists a and b into one sorted list.",
     ["import heapq\n    return list(heapq.merge(a, b))", "out, i, j = [], 0, 0\n    while i < len(a) and j < len(b):\n        if a[i] <= b[j]:\n            out.append(a[i]); i += 1\n        else:\n            out.append(b[j]); j += 1\n    return out + a[i:] + b[j:]"],
     ["return a + b"],
     ["candidate([1, 4], [2, 3]) == [1, 2, 3, 4]", "candidate([], [1]) == [1]"]),
    ("count_primes", "n", "Return how many primes are below n.",
     ["if n < 3:\n        return 0\n    sieve = bytearray([1]) * n\n    sieve[0] = sieve[1] = 0\n    for i in range(2, int(n ** 0.5) + 1):\n        if sieve[i]:\n            sieve[i * i::i] = bytearray(len(range(i * i, n, i)))\n    return sum(sieve)",
      "return sum(1 for k in range(2, n) if all(k % d for d in range(2, int(k ** 0.5) + 1)))"],
     ["return n // 2"],
     ["candidate(10) == 4", "candidate(2) == 0", "candidate(100) == 25"]),
    ("rle", "s", "Run-length encode s: 'aaab' -> 'a3b1'.",
     ["import itertools\n    return ''.join(k + str(len(list(g))) for k, g in itertools.groupby(s))",
      "out = ''\n    i = 0\n    while i < len(s):\n        j = i\n        while j < len(s) and s[j] == s[i]:\n            j += 1\n        out += s[i] + str(j - i)\n        i = j\n    return out"],
     ["return ''.join(c + '1' for c in s)"],
     ["candidate('aaab') == 'a3b1'", "candidate('') == ''", "candidate('abc') == 'a1b1c1'"]),
    ("mean", "xs", "Return the arithmetic mean of the non-empty list xs as a float.",
     ["return sum(xs) / len(xs)", "import statistics\n    return float(statistics.fmean(xs))"],
     ["return sum(xs) // len(xs)"],
     ["abs(candidate([1, 2]) - 1.5) < 1e-9", "candidate([4]) == 4.0"]),
    ("matrix_sum", "m", "Return the sum of all numbers of the matrix m.",
     ["return sum(sum(r) for r in m)", "return sum(x for r in m for x in r)"],
     ["return sum(m[0])"],
     ["candidate([[1, 2], [3, 4]]) == 10", "candidate([]) == 0"]),
    ("collatz_steps", "n", "Return the number of Collatz steps from n (>= 1) down to 1.",
     ["steps = 0\n    while n != 1:\n        n = n // 2 if n % 2 == 0 else 3 * n + 1\n        steps += 1\n    return steps",
      "return 0 if n == 1 else 1 + collatz_steps(n // 2 if n % 2 == 0 else 3 * n + 1)"],
     ["return n - 1"],
     ["candidate(1) == 0", "candidate(6) == 8", "candidate(27) == 111"]),
]

# Samples that are slow or hostile, added to the problem of the same index (a body for the
# function; the check runs after it unless the sample ends or breaks the process first).
EXTRA = {
    0: ("endless_loop", "while True:\n        pass"),
    1: ("slow", "import time\n    time.sleep(10)\n    return ' '.join(reversed(s.split()))"),
    2: ("os_exit", "import os\n    os._exit(0)"),
    3: ("exit_zero", "import sys\n    sys.exit(0)"),
    4: ("fork_bomb", "import os\n    while True:\n        os.fork()"),
    5: ("memory_bomb", "x = bytearray(1 << 36)\n    return 0"),
    6: ("memory_growth", "x = []\n    while True:\n        x.append(bytearray(1 << 24))"),
    7: ("output_flood", "import sys\n    for _ in range(10):\n        sys.stdout.write('x' * (1 << 20))\n    return [x for xs in xss for x in xs]"),
    8: ("kill_parent", "import os, signal\n    os.kill(os.getppid(), signal.SIGKILL)\n    return a"),
    9: ("read_others", "import os\n    here = os.getcwd()\n    parent = os.path.dirname(here)\n    seen = [p for p in os.listdir(parent) if p not in (os.path.basename(here), 'planted.txt')]\n    assert not seen, seen\n    for where in (parent, os.path.dirname(parent)):\n        with open(os.path.join(where, 'planted.txt'), 'w') as f:\n            f.write('x')\n    return n > 1 and all(n % d for d in range(2, int(n ** 0.5) + 1))"),
    10: ("read_planted", "import os\n    parent = os.path.dirname(os.getcwd())\n    for where in (parent, os.path.dirname(parent)):\n        assert not os.path.exists(os.path.join(where, 'planted.txt')), where\n    assert os.listdir(parent) == [os.path.basename(os.getcwd())]\n    assert not os.listdir('.')\n    return sorted(set(xs))"),
    11: ("daemon", "import os, time\n    if os.fork() == 0:\n        os.setsid()\n        time.sleep(60)\n    return {w: len(w) for w in s.split()}"),
    12: ("fake_marker", "import sys\n    print('passed')\n    sys.stdout.flush()\n    import os\n    os._exit(0)"),
    13: ("segfault", "import ctypes\n    ctypes.string_at(0)"),
}


def main():
    out = sys.stdout
    for i, (name, args, doc, good, bad, asserts) in enumerate(PROBLEMS):
        task_id = "mrp/%d" % i
        prompt = "def %s(%s):\n    \"\"\"%s\"\"\"\n" % (name, args, doc)
        test = "def check(candidate):\n" + "".join("    assert %s\n" % a for a in asserts)
        samples = [("correct", b) for b in good] + [("wrong", b) for b in bad]
        if i in EXTRA:
            samples.append(EXTRA[i])
        for j, (kind, body) in enumerate(samples):
            rec = {"task_id": task_id, "sample": j, "kind": kind, "prompt": prompt,
                   "completion": "    " + body + "\n", "test": test, "entry_point": name}
            out.write(json.dumps(rec, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
