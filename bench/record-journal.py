#!/usr/bin/env python3
"""Writes an .optimizr-state journal (the format of releases before the SQLite record) with N entries named like
a scanned archive (archive/2013/07/15/IMG_00012345.jpg, 1,000 per day directory), for bench/record.sh: the first
run imports it into OUT/.optimizr/record.db, later runs start from that record.

usage: record-journal.py N SETTINGS_KEY > OUT/.optimizr-state
"""
import sys
import zlib

n = int(sys.argv[1])
key = sys.argv[2]
out = sys.stdout
buf = []
for i in range(n):
    day = i // 1000
    rel = "archive/%04d/%02d/%02d/IMG_%08d.jpg" % (2000 + day // 372, day // 31 % 12 + 1, day % 31 + 1, i)
    body = "%s\t%d\t%d\t%s\t%d" % (rel, 2_000_000 + i % 500_000, 1_373_846_400_000 + i, key, 400_000 + i % 100_000)
    buf.append("%s\t%x\n" % (body, zlib.crc32(body.encode())))
    if len(buf) == 10000:
        out.write("".join(buf))
        buf.clear()
out.write("".join(buf))
