#!/usr/bin/env python3
"""Reference SSIM values for SsimTest, computed independently of optimizr's Java code.

A line-by-line transcription of the authors' ssim_index.m (Wang, Bovik, Sheikh, Simoncelli, IEEE TIP 2004,
https://www.cns.nyu.edu/~lcv/ssim/): window = fspecial('gaussian', 11, 1.5); K = [0.01 0.03]; L = 255;
filter2(..., 'valid'); mssim = mean2(ssim_map). Uses numpy + scipy only.

Run: python3 reference_ssim.py   (prints one line per pair)
"""
import numpy as np
from scipy.signal import correlate2d


def read_pgm(path):
    with open(path, 'rb') as f:
        data = f.read()
    parts = data.split(b'\n', 3)  # P5, "W H", maxval, pixels (files written by ImageMagick: no comments)
    w, h = map(int, parts[1].split())
    return np.frombuffer(parts[3], dtype=np.uint8)[: w * h].reshape(h, w).astype(np.float64)


def ssim_index(img1, img2):
    x = np.arange(11) - 5
    g = np.exp(-(x[:, None] ** 2 + x[None, :] ** 2) / (2 * 1.5 ** 2))
    window = g / g.sum()
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    f = lambda a: correlate2d(a, window, mode='valid')
    mu1, mu2 = f(img1), f(img2)
    s11 = f(img1 * img1) - mu1 * mu1
    s22 = f(img2 * img2) - mu2 * mu2
    s12 = f(img1 * img2) - mu1 * mu2
    ssim_map = ((2 * mu1 * mu2 + c1) * (2 * s12 + c2)) / ((mu1 ** 2 + mu2 ** 2 + c1) * (s11 + s22 + c2))
    return ssim_map.mean()


if __name__ == '__main__':
    ref = read_pgm('reference.pgm')
    for name in ['distorted-jpeg-q15.pgm', 'distorted-blur.pgm']:
        print(f'{name}\t{ssim_index(ref, read_pgm(name)):.10f}')
