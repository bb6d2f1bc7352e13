#!/usr/bin/env python3
"""Top frames of a `jfr print --events jdk.ExecutionSample` dump: self (top of stack) and total
(anywhere in the stack, first 30 frames), plus the same grouped by package prefix."""
import collections, re, sys

text = open(sys.argv[1]).read()
events = text.split('jdk.ExecutionSample')
top, total, pkg_self, threads = collections.Counter(), collections.Counter(), collections.Counter(), collections.Counter()
n = 0
frame_re = re.compile(r'^\s+([\w$.<>/]+)\(.*\)\s+line:', re.M)
thread_re = re.compile(r'sampledThread = "([^"]*)"')
for ev in events[1:]:
    frames = frame_re.findall(ev)
    if not frames:
        continue
    n += 1
    t = thread_re.search(ev)
    if t:
        threads[re.sub(r'[-#]?\d+', '', t.group(1))[:40]] += 1
    top[frames[0]] += 1
    pkg_self['.'.join(frames[0].split('.')[:4])] += 1
    for f in set(frames[:30]):
        total[f] += 1
print(f'{n} samples')
print('\n== self (top frame) ==')
for f, c in top.most_common(25):
    print(f'{100 * c / n:5.1f}%  {f}')
print('\n== self by package ==')
for f, c in pkg_self.most_common(15):
    print(f'{100 * c / n:5.1f}%  {f}')
print('\n== total (on stack) ==')
for f, c in total.most_common(40):
    print(f'{100 * c / n:5.1f}%  {f}')
print('\n== threads ==')
for f, c in threads.most_common(12):
    print(f'{100 * c / n:5.1f}%  {f}')
