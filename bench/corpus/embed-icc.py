#!/usr/bin/env python3
"""Copies every JPEG of SRC_DIR into DST_DIR with the ICC profile of PROFILE_JPEG embedded, as cameras and
editors do (most photos carry some copy of sRGB, e.g. HP's "sRGB IEC61966-2.1"):

    bench/corpus/embed-icc.py SRC_DIR DST_DIR PROFILE_JPEG

The profile's APP2 "ICC_PROFILE" segments are copied byte for byte right after SOI; profile segments the
source already has are dropped first. The compressed image data is untouched, so the pixels are the same.
BENCHMARKS.md ("JPEGs with an embedded profile") uses the 24-MP set and a real-corpus wallpaper with HP's profile:

    bench/corpus/embed-icc.py /tmp/big /tmp/big-icc \\
        /tmp/realcorpus/plasma-workspace-wallpapers/usr/share/wallpapers/Path/contents/images/2560x1600.jpg
"""
import os
import struct
import sys


def segments(jpeg):
    """(start, end, is_icc) for each marker segment before the first scan, marker bytes included."""
    pos = 2
    while pos + 4 <= len(jpeg) and jpeg[pos] == 0xFF:
        marker = jpeg[pos + 1]
        length = struct.unpack(">H", jpeg[pos + 2:pos + 4])[0]
        end = pos + 2 + length
        yield pos, end, marker == 0xE2 and jpeg[pos + 4:pos + 16] == b"ICC_PROFILE\0"
        if marker == 0xDA:
            return
        pos = end


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.split("\n\n")[1])
    src, dst, profile_jpeg = sys.argv[1:]
    donor = open(profile_jpeg, "rb").read()
    icc = b"".join(donor[a:b] for a, b, is_icc in segments(donor) if is_icc)
    if not icc:
        sys.exit(f"{profile_jpeg} has no ICC profile")
    os.makedirs(dst, exist_ok=True)
    n = 0
    for name in sorted(os.listdir(src)):
        if not name.lower().endswith((".jpg", ".jpeg")):
            continue
        data = open(os.path.join(src, name), "rb").read()
        kept, at = [], 2
        for a, b, is_icc in segments(data):
            if is_icc:
                kept.append(data[at:a])
                at = b
        kept.append(data[at:])
        with open(os.path.join(dst, name), "wb") as out:
            out.write(data[:2] + icc + b"".join(kept))
        n += 1
    print(f"{n} JPEGs with a {len(icc)}-byte profile segment into {dst}", file=sys.stderr)


if __name__ == "__main__":
    main()
