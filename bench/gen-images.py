#!/usr/bin/env python3
"""Generates N small, distinct PNG images (stdlib only) spread over 100 folders, reproducibly.

usage: bench/gen-images.py DEST COUNT [WIDTH HEIGHT]
Each image is a seeded gradient with noise, so encoders do real work and outputs differ."""
import os, random, struct, sys, zlib

def png(w, h, rnd):
    rows = bytearray()
    a, b, c = rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)
    for y in range(h):
        rows.append(0)
        for x in range(w):
            n = rnd.randrange(24)
            rows += bytes(((a + 3 * x + n) & 255, (b + 5 * y + n) & 255, (c + x + y) & 255))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(rows), 6)) + chunk(b"IEND", b""))

def main():
    dest, count = sys.argv[1], int(sys.argv[2])
    w, h = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) > 4 else (64, 48)
    rnd = random.Random(20261123)
    for i in range(count):
        d = os.path.join(dest, "d%02d" % (i % 100))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "img%06d.png" % i), "wb") as f:
            f.write(png(w, h, rnd))

main()
