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


def report(title, counter, rows):
    print(f'\n== {title} ==')
    for frame, count in counter.most_common(rows):
        print(f'{100 * count / n:5.1f}%  {frame}')


report('self (top frame)', top, 25)
report('self by package', pkg_self, 15)
report('total (on stack)', total, 40)
report('threads', threads, 12)
