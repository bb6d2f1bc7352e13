#!/usr/bin/env python3
"""Merges one bench run into summary.json: the recorder's per-class figures, Gatling's report path,
CPU seconds and peak RSS per process, projection lag, heap after GC, the raw hash rate, and the
issue-7 targets that apply to the scenario (met or missed, by how much)."""
import argparse, json, os, statistics, time

p = argparse.ArgumentParser()
p.add_argument('--scenario'); p.add_argument('--hashing'); p.add_argument('--out'); p.add_argument('--report', default='')
p.add_argument('--raw'); p.add_argument('--gatling-pid')
a = p.parse_args()
out = a.out

def load(name, default=None):
    try:
        with open(os.path.join(out, name)) as f:
            return json.load(f)
    except Exception:
        return default

rec = load('recorder.json', {'series': {}})
series = rec.get('series', {})
EXPECTED = {'register': [201], 'login': [200], 'profile': [200], 'search': [200], 'admin-login': [200]}

def brief(key):
    s = series.get(key)
    if not s:
        return None
    name = key.split('/', 1)[1]
    statuses = {int(k): v for k, v in s['statuses'].items()}
    ok = sum(v for k, v in statuses.items() if k in EXPECTED.get(name, [200, 201]))
    return {'count': s['count'], 'ratePerSecond': s['ratePerSecond'], 'seconds': s.get('seconds'),
            'p50': s['latencyMillis']['p50'], 'p95': s['latencyMillis']['p95'], 'p99': s['latencyMillis']['p99'],
            'max': s['latencyMillis']['max'], 'statuses': s['statuses'],
            'successRate': round(ok / s['count'], 5) if s['count'] else None}

def klass(cls):
    names = sorted({k.split('/', 1)[1] for k in series if k.startswith(cls + '/')})
    if not names:
        return None
    result = {'all': brief(cls + '/all')}
    for n in names:
        if n != 'all':
            result[n] = brief(cls + '/' + n)
    # errors: any status other than the expected one for that request (404 on search counted apart)
    errors = {}
    search404 = 0
    for n in names:
        if n == 'all':
            continue
        for st, c in series[cls + '/' + n]['statuses'].items():
            if int(st) not in EXPECTED.get(n, [200, 201]):
                if n == 'search' and st == '404':
                    search404 += c
                    continue
                errors[st] = errors.get(st, 0) + c
    result['errorsByStatus'] = errors
    result['search404'] = search404
    ok_ops = sum((result[n]['count'] * (result[n]['successRate'] or 0)) for n in names if n != 'all')
    result['all']['successRate'] = round(ok_ops / result['all']['count'], 5) if result['all']['count'] else None
    return result

classes = {c: klass(c) for c in ('legit', 'legit-baseline', 'bot', 'warmup', 'admin')}
classes = {k: v for k, v in classes.items() if v}

before, after = load('proc-before.json', {}), load('proc-after.json', {})
during = load('proc-during.json', {})
procs = {}
for name, pa in after.get('processes', {}).items():
    pb = before.get('processes', {}).get(name, {})
    if 'cpuSeconds' in pa:
        procs[name] = {'cpuSeconds': round(pa['cpuSeconds'] - pb.get('cpuSeconds', 0), 1),
                       'peakRssMiB': round(pa['vmHwmMiB'], 1), 'rssMiB': round(pa['vmRssMiB'], 1)}
if during.get('processes', {}).get('gatling'):
    g = during['processes']['gatling']
    procs['gatling (load generator)'] = {'cpuSeconds': round(g.get('cpuSeconds', 0), 1),
                                         'peakRssMiB': round(g.get('vmHwmMiB', 0), 1), 'note': 'last sample before it exited'}

# CPU per operation: every request the run sent (warm-up and bots included) shares the processes' CPU.
sent = sum(v['count'] for k, v in series.items() if k.endswith('/all'))
if sent:
    for name, pr in procs.items():
        pr['cpuMillisPerRequest'] = round(pr['cpuSeconds'] * 1000 / sent, 2)
    procs_total = sum(pr['cpuSeconds'] for n, pr in procs.items() if not n.startswith('gatling'))
    cpu_per_request_all = round(procs_total * 1000 / sent, 2)
else:
    cpu_per_request_all = None

samples = []
try:
    with open(os.path.join(out, 'samples.jsonl')) as f:
        samples = [json.loads(l) for l in f if l.strip()]
except Exception:
    pass

m_after = load('metrics-after.json', {}) or {}
# The one-minute histograms cover the run's last minute only (runs of 60 s or more); the five-minute
# ones also count the seeding and whatever ran just before, and are kept for reference.
lag, lag_5m = {}, {}
for k, v in ((m_after.get('query') or {}).get('histograms') or {}).items():
    if not k.startswith('projection.'):
        continue
    row = {'p50': v.get('p50'), 'p99': v.get('p99'), 'max': v.get('max'), 'count': v.get('count')}
    if k.endswith('.lag.1m'):
        lag[k] = row
    elif k.endswith('.lag'):
        lag_5m[k] = row
if not lag:
    lag = lag_5m
projection_keys = sorted({k for sec in ('gauges', 'meters', 'histograms', 'timers')
                          for k in ((m_after.get('query') or {}).get(sec) or {}) if 'projection' in k})
lag_p99 = max([v['p99'] for v in lag.values() if v['p99'] is not None] or [None], key=lambda x: -1 if x is None else x)

loads = [s['loadavg'] for s in samples if 'loadavg' in s]
summary = {
    'scenario': a.scenario, 'hashing': a.hashing,
    'date': time.strftime('%Y-%m-%dT%H:%M:%S%z'),
    'machine': {'cpus': os.cpu_count(), 'memGiB': round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30, 1),
                'loadavgBefore': before.get('loadavg'), 'loadavgAfter': after.get('loadavg'),
                'loadavg1mDuringRun': {'mean': round(statistics.mean(loads), 2), 'max': max(loads)} if loads else None},
    'parameters': rec.get('parameters'),
    'code': {'gitHead': os.popen('git -C "%s" rev-parse --short HEAD 2>/dev/null' % os.path.dirname(os.path.dirname(os.path.abspath(__file__)))).read().strip(),
             'uncommittedFiles': len(os.popen('git -C "%s" status --short 2>/dev/null' % os.path.dirname(os.path.dirname(os.path.abspath(__file__)))).read().splitlines()),
             'userCommandJar': time.strftime('%Y-%m-%dT%H:%M:%S', time.localtime(os.path.getmtime(os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), 'user-command/target/user-command.jar')))) if os.path.exists(os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), 'user-command/target/user-command.jar')) else None},
    'gatlingReport': os.path.join(a.report, 'index.html') if a.report else None,
    'classes': classes,
    'projectionLagMillis': {'p99': lag_p99, 'histograms': lag, 'fiveMinuteHistograms': lag_5m, 'metricNames': projection_keys,
                            'note': "user-query's projection.<name>.lag.1m histograms: the run's last minute (a run shorter "
                                    "than 60 s also counts what came before); the .lag ones cover 5 minutes, seeding included"},
    'processes': procs,
    'requestsSent': sent,
    'platformCpuMillisPerRequest': cpu_per_request_all,
    'samples': len(samples),
}
raw = None
if a.raw:
    try:
        raw = json.load(open(a.raw))
        summary['rawHashRate'] = raw
    except Exception:
        pass
for extra in ('raw-hash-hash.json', 'seed.json'):
    v = load(extra)
    if v is not None:
        summary[extra.replace('.json', '')] = v

# Heap after GC over the run (soak): first vs last samples.
old = [s.get('commandOldAfterGc') for s in samples if s.get('commandOldAfterGc')]
if old:
    summary['heapAfterGc'] = {'userCommandOldGenAfterGcFirstMiB': round(old[0] / 2**20, 1),
                              'userCommandOldGenAfterGcLastMiB': round(old[-1] / 2**20, 1),
                              'samples': len(old)}

def target(name, measured, goal, met, note=''):
    return {'target': name, 'measured': measured, 'goal': goal, 'met': bool(met), 'note': note}

targets = []
L = classes.get('legit')
if a.scenario == 'launch-mix' and L:
    rate, p99 = L['all']['ratePerSecond'], L['all']['p99']
    errs = sum(L['errorsByStatus'].values())
    if a.hashing == 'bench':
        targets.append(target('pipeline capacity >= 2400 ops/s', rate, 2400, rate >= 2400,
                              f'{rate / 2400:.0%} of the target'))
        targets.append(target('pipeline p99 <= 100 ms', p99, 100, p99 <= 100))
        targets.append(target('no errors', L['errorsByStatus'], {}, errs == 0))
    if lag_p99 is not None:
        targets.append(target('projection lag p99 <= 1000 ms', lag_p99, 1000, lag_p99 <= 1000))
if a.scenario == 'bot-flood' and L and classes.get('legit-baseline'):
    base = classes['legit-baseline']['all']['p99']
    sr = L['all']['successRate']
    targets.append(target('legit success >= 99% under bots', sr, 0.99, sr is not None and sr >= 0.99))
    targets.append(target('legit p99 <= 2 x no-bot p99', L['all']['p99'], 2 * base, L['all']['p99'] <= 2 * base,
                          f'no-bot p99 {base} ms'))
if a.scenario == 'soak' and L:
    per_min = series.get('legit/all', {}).get('perMinute', [])
    if len(per_min) >= 10:
        first = max(m['p99'] for m in per_min[:5]); last = max(m['p99'] for m in per_min[-5:])
        targets.append(target('soak p99 last 5 min within 10% of first 5', last, round(first * 1.1, 1),
                              last <= first * 1.1, f'first 5 min p99 {first} ms'))
    summary['p99PerMinute'] = [{'minute': m['minute'], 'count': m['count'], 'p99': m['p99'], 'statuses': m['statuses']}
                               for m in per_min]
    errs = sum(L['errorsByStatus'].values())
    targets.append(target('soak: no errors', L['errorsByStatus'], {}, errs == 0))
    if old and len(old) >= 4:
        growth = old[-1] / old[0] - 1
        targets.append(target('heap after GC flat (<= 10% growth)', f'{growth:+.0%}', '<= +10%', growth <= 0.10))
if a.scenario in ('hash-efficiency', 'peer') and L:
    login = L.get('login')
    if login and raw:
        ratio = login['ratePerSecond'] / raw['perSecond'] if raw['perSecond'] else 0
        summary['hashEfficiency'] = {'loginsPerSecond': login['ratePerSecond'], 'rawVerifyPerSecond': raw['perSecond'],
                                     'ratio': round(ratio, 3)}
        if a.scenario == 'hash-efficiency':
            targets.append(target('logins/s >= 90% of raw hash rate', round(ratio, 3), 0.9, ratio >= 0.9))
    if a.scenario == 'peer':
        reg = L.get('register')
        if login:
            targets.append(target('logins/s >= 1.5 x Keycloak 28/s', login['ratePerSecond'], 42, login['ratePerSecond'] >= 42))
            targets.append(target('login p99 < 300 ms at 8 clients', login['p99'], 300, login['p99'] < 300))
        if reg:
            targets.append(target('registrations/s >= 1.5 x Keycloak 25/s', reg['ratePerSecond'], 37.5, reg['ratePerSecond'] >= 37.5))
            targets.append(target('registration p99 < 300 ms at 8 clients', reg['p99'], 300, reg['p99'] < 300))
summary['targets'] = targets

with open(os.path.join(out, 'summary.json'), 'w') as f:
    json.dump(summary, f, indent=1)

# A short table on stdout.
print(f"\n{a.scenario} ({a.hashing} hashing)  load average before {before.get('loadavg')} after {after.get('loadavg')}")
for cls, v in classes.items():
    if cls in ('warmup', 'admin'):
        continue
    for n, s in v.items():
        if isinstance(s, dict) and 'count' in s:
            print(f"  {cls:15s} {n:9s} n={s['count']:7d} {s['ratePerSecond']:8.1f}/s p50={s['p50']:5d} p95={s['p95']:5d} "
                  f"p99={s['p99']:5d} ms statuses={s['statuses']}")
print(f"  projection lag p99: {lag_p99} ms")
for n, pr in procs.items():
    print(f"  {n:26s} cpu {pr['cpuSeconds']:7.1f} s ({pr.get('cpuMillisPerRequest')} ms/request)  peak RSS {pr['peakRssMiB']:7.1f} MiB")
print(f"  platform CPU per request (all processes but Gatling): {cpu_per_request_all} ms over {sent} requests")
for t in targets:
    print(f"  [{'MET ' if t['met'] else 'MISS'}] {t['target']}: {t['measured']} (goal {t['goal']}) {t['note']}")
