#!/usr/bin/env python3
"""Attributes each JFR execution sample to one layer: walking from the top of the stack down, the
first frame that belongs to a known library or to the app decides (JDK frames count for whoever
called them). Shows where a service's Java CPU goes per layer."""
import collections, re, sys

LAYERS = [
    ('password strength (nbvcxz)', 'me.gosimple.nbvcxz'),
    ('ES256 sign/verify (JDK EC)', 'sun.security.ec'),
    ('JWT (nimbus, other)', 'com.nimbusds'),
    ('AES-GCM personal data', 'com.retail.identity.common.crypto'),
    ('argon2 JNA call', 'de.mkammerer'),
    ('logging (logback)', 'ch.qos.logback'),
    ('Cassandra driver', 'com.datastax'),
    ('Redis (Jedis)', 'redis.clients'),
    ('Couchbase client', 'com.couchbase'),
    ('OpenSearch (Jest/httpclient)', 'io.searchbox'),
    ('Bean validation', 'org.hibernate.validator'),
    ('JSON (Jackson)', 'com.fasterxml.jackson'),
    ('Hystrix/Ribbon', 'com.netflix'),
    ('metrics', 'com.codahale.metrics'),
    ('app code', 'com.retail.identity'),
    ('Jersey', 'org.glassfish.jersey'),
    ('Jetty', 'org.eclipse.jetty'),
    ('Netty I/O', 'io.netty'),
]
text = open(sys.argv[1]).read()
frame_re = re.compile(r'^\s+([\w$.<>/]+)\(.*\)\s+line:', re.M)
c = collections.Counter(); n = 0
for ev in text.split('jdk.ExecutionSample')[1:]:
    frames = frame_re.findall(ev)
    if not frames:
        continue
    n += 1
    for f in frames:
        hit = next((name for name, marker in LAYERS if f.startswith(marker)), None)
        if hit:
            # app code that merely calls the JDK (e.g. UUID, SecureRandom, String) is named by its class
            c[hit if hit != 'app code' else 'app: ' + f.rsplit('.', 1)[0].split('.')[-1]] += 1
            break
    else:
        c['JDK only: ' + '.'.join(frames[0].split('.')[:3])] += 1
print(f'{n} samples')
for k, v in c.most_common(25):
    print(f'{100 * v / n:5.1f}%  {k}')
