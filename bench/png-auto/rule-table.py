#!/usr/bin/env python3
"""docs/png-auto.md's table from MeasurePngAuto output: the estimate alone against the shipped rule.

    bench/png-auto/rule-table.py NAME=MEASURE.tsv[,LOSSLESS.tsv] ...

MEASURE.tsv is MeasurePngAuto's output for one set. When it was made with SKIP_LOSSLESS=1, give a second
file, an earlier full run of the same encoder on the same files: its lossless bytes and ms (columns 8, 10) are
joined by path; lossy bytes must then agree between the two runs (libwebp is deterministic), which is checked.

Per set: files; wins (lossless at most as large as lossy q80); how many files each rule tried lossless and how
many wins it missed; total bytes with lossy only, with the estimate alone and with the rule (each keeps the
smaller of lossy and lossless where it tried, as Encoding does); CPU seconds of the lossless encodes each rule
runs and of each rule's own work, against the lossy encodes (column 9). "Estimate alone" tries lossless when
LosslessEstimate, reading 8 rows of every 32 in images over 1 MP, is at most 3x the lossy size (columns 25, 26);
"rule" is GraphicsDetector.worthTryingLossless as shipped (columns 21, 24: its CPU includes the sampled lossless
encodes of large images).
"""
import sys


def rows(path):
    with open(path) as f:
        return [line.rstrip('\n').split('\t') for line in f if line.strip()]


def load(spec):
    name, files = spec.split('=', 1)
    files = files.split(',')
    measured = rows(files[0])
    lossless = {r[0]: r for r in rows(files[1])} if len(files) > 1 else None
    out = []
    for r in measured:
        ll, ll_ms = int(r[7]), float(r[9])
        if lossless is not None:
            o = lossless[r[0]]
            if int(o[6]) != int(r[6]):
                sys.exit(f'{r[0]}: lossy bytes differ between the runs ({o[6]} vs {r[6]})')
            ll, ll_ms = int(o[7]), float(o[9])
        out.append(dict(lossy=int(r[6]), ll=ll, lossy_ms=float(r[8]), ll_ms=ll_ms,
                        old=int(r[24]) <= 3 * int(r[6]), new=r[20] == '1',
                        old_ms=float(r[25]), new_ms=float(r[23])))
    return name, out


def main(specs):
    print('| set | files | lossless smaller | tried lossless: estimate alone → rule | wins missed: estimate alone → rule '
          '| bytes: lossy only → estimate alone → rule | CPU s, lossless encodes: estimate alone → rule '
          '| CPU s, the test itself: estimate alone → rule | CPU s, lossy encodes |')
    print('|---|---|---|---|---|---|---|---|---|')
    for spec in specs:
        name, rs = load(spec)
        wins = [r for r in rs if r['ll'] <= r['lossy']]

        def total(rule):
            return sum(min(r['lossy'], r['ll']) if r[rule] else r['lossy'] for r in rs)

        def ll_s(rule):
            return sum(r['ll_ms'] for r in rs if r[rule]) / 1000

        lossy = sum(r['lossy'] for r in rs)
        print(f"| {name} | {len(rs)} | {len(wins)} | {sum(r['old'] for r in rs)} → {sum(r['new'] for r in rs)} "
              f"| {sum(not r['old'] for r in wins)} → {sum(not r['new'] for r in wins)} "
              f"| {lossy:,} → {total('old'):,} → {total('new'):,} ({100 * (total('new') - lossy) / lossy:+.1f} %) "
              f"| {ll_s('old'):.1f} → {ll_s('new'):.1f} "
              f"| {sum(r['old_ms'] for r in rs) / 1000:.1f} → {sum(r['new_ms'] for r in rs) / 1000:.1f} "
              f"| {sum(r['lossy_ms'] for r in rs) / 1000:.1f} |")


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
