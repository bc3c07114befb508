#!/usr/bin/env python3
"""Checks an optimizr output tree against its input tree: every converted source has a WebP that dwebp
decodes, whose size is the source's displayed size (EXIF orientation 5-8 swaps width and height).

usage: bench/verify-outputs.py INPUT_DIR OUTPUT_DIR [--keep-extension]
Needs dwebp (Debian: webp) and ImageMagick's identify. Exit 0 when every output checks out."""
import json, os, subprocess, sys

def displayed_size(path):
    out = subprocess.run(["identify", "-format", "%w %h %[EXIF:Orientation]\n", path + "[0]"],
                         capture_output=True, text=True).stdout.split("\n")[0].split()
    w, h = int(out[0]), int(out[1])
    orient = int(out[2]) if len(out) > 2 and out[2].isdigit() else 1
    return (h, w) if 5 <= orient <= 8 else (w, h)

def webp_size(path):
    r = subprocess.run(["dwebp", path, "-o", "/dev/null"], capture_output=True, text=True)
    if r.returncode != 0:
        return None
    for line in (r.stdout + r.stderr).splitlines():
        if "Dimensions:" in line:  # "Decoded X. Dimensions: W x H . Format: ..."
            parts = line.split("Dimensions:")[1].split()
            return int(parts[0]), int(parts[2])
    return None

def main():
    src, dst = sys.argv[1], sys.argv[2]
    keep = "--keep-extension" in sys.argv
    failed = {}
    fj = os.path.join(dst, "failures.jsonl")
    if os.path.exists(fj):
        for line in open(fj, encoding="utf-8"):
            j = json.loads(line)
            failed[j["path"]] = j["error_type"]
    checked = bad = 0
    for root, _, files in os.walk(src):
        for name in sorted(files):
            if not name.lower().endswith((".jpg", ".jpeg", ".png")):
                continue
            rel = os.path.relpath(os.path.join(root, name), src)
            out = os.path.join(dst, (rel if keep else os.path.splitext(rel)[0]) + ".webp")
            if rel in failed:
                # a collision's output exists: it belongs to the file that claimed the name first
                if os.path.exists(out) and failed[rel] != "OUTPUT_COLLISION":
                    print(f"BAD {rel}: failed as {failed[rel]} but {out} exists"); bad += 1
                continue
            got = webp_size(out) if os.path.exists(out) else None
            want = displayed_size(os.path.join(root, name))
            checked += 1
            if got != want:
                print(f"BAD {rel}: want {want}, webp {got}"); bad += 1
    print(f"{checked} outputs checked, {bad} bad, {len(failed)} listed failures")
    sys.exit(1 if bad else 0)

main()
