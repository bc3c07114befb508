#!/usr/bin/env python3
"""Writes a synthetic plasma-like 8-bit RGB PNG (fractal value noise plus fine grain), streamed row block by
row block, for memory benchmarks of huge images (BENCHMARKS.md, "Huge images"): a 10527x16000 one is about
390 MB, close to a scan's size, where ImageMagick's plasma: needs its pixel cache raised past policy limits.

  bench/gen-plasma-png.py OUT.png WIDTH HEIGHT SEED       (needs numpy)"""
import sys, zlib, struct
import numpy as np

out, w, h, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = np.random.default_rng(seed)
octaves = []
for cells, amp in ((4, 90), (16, 50), (64, 28), (256, 14), (1024, 7)):
    gw, gh = cells + 2, max(2, cells * h // w + 2)
    octaves.append((rng.random((gh, gw, 3)) * amp, cells / w, amp))
xs = np.arange(w)

def interp(grid, scale, ys):
    gx = xs * scale
    gy = ys * scale
    x0 = gx.astype(int); fx = (gx - x0)[None, :, None]
    y0 = gy.astype(int); fy = (gy - y0)[:, None, None]
    a = grid[y0][:, x0]; b = grid[y0][:, x0 + 1]; c = grid[y0 + 1][:, x0]; d = grid[y0 + 1][:, x0 + 1]
    return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy

def chunk(png, data):
    png.write(struct.pack(">I", len(data) - 4)); png.write(data)  # data starts with the chunk type
    png.write(struct.pack(">I", zlib.crc32(data) & 0xffffffff))

with open(out, "wb") as png:
    png.write(b"\x89PNG\r\n\x1a\n")
    chunk(png, b"IHDR" + struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    z = zlib.compressobj(6)
    buf = bytearray()
    for y in range(0, h, 256):
        ys = np.arange(y, min(h, y + 256))
        v = sum(interp(g, s, ys) for g, s, _ in octaves)
        v += rng.normal(0, 3, v.shape)
        rows = np.clip(v, 0, 255).astype(np.uint8)
        raw = np.zeros((len(ys), w * 3 + 1), np.uint8)
        raw[:, 1:] = rows.reshape(len(ys), w * 3)
        buf += z.compress(raw.tobytes())
        if len(buf) > 1 << 24:
            chunk(png, b"IDAT" + bytes(buf)); buf = bytearray()
    buf += z.flush()
    chunk(png, b"IDAT" + bytes(buf))
    chunk(png, b"IEND")
