#!/usr/bin/env python3
"""Summarise an image corpus: counts, megapixels and pixel formats of every JPEG/PNG under DIR.

Usage: describe.py DIR [--by-dir] [--identify] [--list | --tsv]

  --by-dir  one row per top-level subdirectory (per source package in a real-photos.sh corpus)
  --list    one line per file before the table
  --identify  also count "alpha+" = files with alpha whose alpha is really used (not all opaque),
            asking ImageMagick (`identify -format %[opaque]`, decodes those files: slower)
  --tsv     only one tab-separated line per file: format, kind, width, height, bytes, path (relative)

Standard library only: reads the PNG IHDR/PLTE/tRNS/iCCP chunks and the JPEG SOF/APPn markers,
never decodes pixels, so it is fast on hundreds of megapixels. What it reports is the *encoded* format:

  alpha    PNG colour type 4 (grey+alpha) or 6 (RGBA), or any PNG with a tRNS chunk
           (palette transparency / transparent colour key). JPEG never has alpha.
  gray     PNG colour type 0 or 4; JPEG with a single component.
  palette  PNG colour type 3 (PLTE, any bit depth).
  16bit    PNG with bit depth 16.
  interl   PNG with Adam7 interlacing.
  prog     progressive (SOF2/SOF6/SOF10/SOF14) JPEG.
  cmyk     JPEG with 4 components (CMYK/YCCK).
  icc      embedded ICC profile (PNG iCCP, JPEG APP2 ICC_PROFILE).
  orient   JPEG whose EXIF Orientation is present and not 1 (needs rotating on decode).

Files are classified by content (magic bytes), not by extension; files named .jpg/.jpeg/.png that are
neither are counted as "bad". Exit status 0 unless DIR does not exist.
"""

import os
import signal
import struct
import sys

EXTS = (".jpg", ".jpeg", ".png")
OVER_MP = 15.0


class Info:
    __slots__ = ("path", "fmt", "alpha_used", "w", "h", "alpha", "gray", "palette", "bit16",
                 "interlaced", "progressive", "cmyk", "icc", "orient", "size")

    def __init__(self, path):
        self.path = path
        self.fmt = "bad"
        self.w = self.h = 0
        self.alpha = self.gray = self.palette = self.bit16 = False
        self.interlaced = self.progressive = self.cmyk = self.icc = False
        self.orient = 1
        self.size = 0
        self.alpha_used = None  # unknown unless --identify

    @property
    def mp(self):
        return self.w * self.h / 1e6

    def kind(self):
        if self.fmt == "png":
            if self.palette:
                base = "palette"
            elif self.gray:
                base = "gray"
            else:
                base = "rgb"
            return "%s%s%s" % (base, "+alpha" if self.alpha else "", "/16" if self.bit16 else "")
        if self.fmt == "jpeg":
            return "gray" if self.gray else ("cmyk" if self.cmyk else "color")
        return "?"


def read_png(f, info):
    f.seek(8)
    while True:
        head = f.read(8)
        if len(head) < 8:
            return
        length, ctype = struct.unpack(">I4s", head)
        if ctype == b"IHDR":
            data = f.read(length)
            w, h, depth, color, _comp, _filt, interlace = struct.unpack(">IIBBBBB", data[:13])
            info.fmt = "png"
            info.w, info.h = w, h
            info.bit16 = depth == 16
            info.gray = color in (0, 4)
            info.palette = color == 3
            info.alpha = color in (4, 6)
            info.interlaced = interlace == 1
            f.seek(4, 1)
            continue
        if ctype == b"tRNS":
            info.alpha = True
        elif ctype == b"iCCP":
            info.icc = True
        elif ctype in (b"IDAT", b"IEND"):
            return  # tRNS / iCCP must come before IDAT
        f.seek(length + 4, 1)


def exif_orientation(data):
    """Orientation tag (0x0112) from an APP1 Exif payload starting at 'Exif\\0\\0', or 1."""
    tiff = data[6:]
    if len(tiff) < 8:
        return 1
    endian = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if endian is None:
        return 1
    try:
        (ifd,) = struct.unpack(endian + "I", tiff[4:8])
        (n,) = struct.unpack(endian + "H", tiff[ifd:ifd + 2])
        for i in range(n):
            off = ifd + 2 + 12 * i
            tag, typ, _cnt = struct.unpack(endian + "HHI", tiff[off:off + 8])
            if tag == 0x0112 and typ == 3:
                return struct.unpack(endian + "H", tiff[off + 8:off + 10])[0]
    except struct.error:
        pass
    return 1


SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
PROGRESSIVE = {0xC2, 0xC6, 0xCA, 0xCE}


def read_jpeg(f, info):
    f.seek(2)
    while True:
        b = f.read(1)
        if not b:
            return
        if b != b"\xff":
            continue  # tolerate junk between segments
        marker = f.read(1)
        while marker == b"\xff":
            marker = f.read(1)
        if not marker:
            return
        m = marker[0]
        if m in (0xD8, 0x01) or 0xD0 <= m <= 0xD7:
            continue  # no length
        if m in (0xD9, 0xDA):
            return  # EOI / SOS: headers are over
        raw = f.read(2)
        if len(raw) < 2:
            return
        (length,) = struct.unpack(">H", raw)
        data = f.read(length - 2)
        if m in SOF and len(data) >= 6:
            _prec, h, w, comps = struct.unpack(">BHHB", data[:6])
            info.fmt = "jpeg"
            info.w, info.h = w, h
            info.gray = comps == 1
            info.cmyk = comps == 4
            info.progressive = m in PROGRESSIVE
        elif m == 0xE1 and data.startswith(b"Exif\0\0"):
            info.orient = exif_orientation(data)
        elif m == 0xE2 and data.startswith(b"ICC_PROFILE\0"):
            info.icc = True


def describe_file(path):
    info = Info(path)
    try:
        info.size = os.path.getsize(path)
        with open(path, "rb") as f:
            magic = f.read(8)
            if magic == b"\x89PNG\r\n\x1a\n":
                read_png(f, info)
            elif magic[:3] == b"\xff\xd8\xff":
                read_jpeg(f, info)
    except (OSError, struct.error):
        info.fmt = "bad"
    if info.w == 0 or info.h == 0:
        info.fmt = "bad"
    return info


def mark_alpha_used(infos):
    """Set alpha_used on every file with alpha, via ImageMagick's %[opaque] (False = some pixel not opaque)."""
    import shutil
    import subprocess
    identify = "/usr/bin/identify" if os.path.exists("/usr/bin/identify") else shutil.which("identify")
    if not identify:
        sys.stderr.write("describe.py: --identify needs ImageMagick's identify (apt-get install imagemagick)\n")
        return
    for i in infos:
        if i.fmt == "png" and i.alpha:
            r = subprocess.run([identify, "-format", "%[opaque]", i.path],
                               capture_output=True, text=True)
            i.alpha_used = r.returncode == 0 and r.stdout.strip().lower() == "false"
        else:
            i.alpha_used = False


def scan(root):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.lower().endswith(EXTS):
                out.append(describe_file(os.path.join(dirpath, name)))
    return out


COLS = ["files", "MP", ">15MP", "maxMP", "JPEG", "PNG", "alpha", "alpha+", "gray", "palette",
        "16bit", "interl", "prog", "cmyk", "icc", "orient", "bad", "MB"]


def summarise(infos):
    ok = [i for i in infos if i.fmt != "bad"]
    return [
        len(infos),
        "%.1f" % sum(i.mp for i in ok),
        sum(1 for i in ok if i.mp > OVER_MP),
        "%.1f" % max((i.mp for i in ok), default=0.0),
        sum(1 for i in ok if i.fmt == "jpeg"),
        sum(1 for i in ok if i.fmt == "png"),
        sum(1 for i in ok if i.alpha),
        sum(1 for i in ok if i.alpha_used) if any(i.alpha_used is not None for i in ok) else "-",
        sum(1 for i in ok if i.gray),
        sum(1 for i in ok if i.palette),
        sum(1 for i in ok if i.bit16),
        sum(1 for i in ok if i.interlaced),
        sum(1 for i in ok if i.progressive),
        sum(1 for i in ok if i.cmyk),
        sum(1 for i in ok if i.icc),
        sum(1 for i in ok if i.orient not in (0, 1)),
        len(infos) - len(ok),
        "%.1f" % (sum(i.size for i in infos) / 1048576),
    ]


def print_table(rows, header):
    rows = [[str(c) for c in r] for r in rows]
    header = [str(c) for c in header]
    widths = [max(len(header[k]), *(len(r[k]) for r in rows)) for k in range(len(header))]
    fmt = lambda r: "  ".join(c.ljust(widths[0]) if k == 0 else c.rjust(widths[k]) for k, c in enumerate(r))
    print(fmt(header))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(fmt(r))


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    flags = {a for a in argv[1:] if a.startswith("--")}
    if len(args) != 1 or flags - {"--by-dir", "--list", "--tsv", "--identify"}:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n\n" + __doc__.split("\n\n")[2] + "\n")
        return 2
    root = args[0]
    if not os.path.isdir(root):
        sys.stderr.write("describe.py: not a directory: %s\n" % root)
        return 1
    infos = scan(root)
    if "--identify" in flags:
        mark_alpha_used(infos)

    if "--tsv" in flags:
        for i in infos:
            print("\t".join([i.fmt, i.kind(), str(i.w), str(i.h), str(i.size), os.path.relpath(i.path, root)]))
        return 0

    if "--list" in flags:
        for i in infos:
            print("%-5s %-18s %6.2f MP %6dx%-6d %s" % (
                i.fmt, i.kind(), i.mp, i.w, i.h, os.path.relpath(i.path, root)))
        print()

    rows = []
    if "--by-dir" in flags:
        groups = {}
        for i in infos:
            top = os.path.relpath(i.path, root).split(os.sep)[0]
            groups.setdefault(top, []).append(i)
        for top in sorted(groups):
            rows.append([top] + summarise(groups[top]))
    rows.append(["TOTAL"] + summarise(infos))
    print("corpus: %s" % os.path.abspath(root))
    print_table(rows, ["dir"] + COLS)

    ok = [i for i in infos if i.fmt != "bad"]
    kinds = {}
    for i in ok:
        k = "%s %s" % (i.fmt.upper(), i.kind())
        kinds[k] = kinds.get(k, 0) + 1
    print()
    print("by encoded pixel format: " + ", ".join("%s=%d" % kv for kv in sorted(kinds.items())))
    buckets = [(0, 1), (1, 4), (4, 10), (10, 15), (15, 20), (20, float("inf"))]
    counts = ["%s: %d" % ("%g-%g MP" % (lo, hi) if hi != float("inf") else ">=%g MP" % lo,
                          sum(1 for i in ok if lo <= i.mp < hi))
              for lo, hi in buckets]
    print("by size: " + ", ".join(counts))
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `describe.py DIR | head` ends quietly
    sys.exit(main(sys.argv))
