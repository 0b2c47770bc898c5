#!/usr/bin/python3
"""speed.py — near-duplicate pairs of a collection, lede against scikit-learn,
side by side in one run.

    /usr/bin/python3 bench/compare/speed.py [FILE.jsonl] [--lede build/lede]
        [--min-jaccard 0.5] [--min-cosine 0.9]

lede: bench/compare/pairs.lua (word 5-gram MinHash + LSH candidates, verified
by exact Jaccard). scikit-learn: TfidfVectorizer (defaults) and the cosine
similarity of every pair (X · Xᵀ, in row blocks so memory stays bounded).
Prints the time of each (wall clock and CPU), the pairs each finds, and the
pairs both find (agreeing), with the pairs only one finds broken down.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_lede(lede, path, min_jaccard):
    out = tempfile.NamedTemporaryFile(suffix=".tsv", delete=False).name
    cpu0, t0 = child_cpu(), time.perf_counter()
    proc = subprocess.run([lede, "run", os.path.join(HERE, "pairs.lua"), path, out, str(min_jaccard)],
                          capture_output=True, text=True, check=True)
    wall, cpu = time.perf_counter() - t0, child_cpu() - cpu0
    pairs = {}
    with open(out) as f:
        for line in f:
            a, b, j, ab, ba = line.split("\t")
            pairs[(int(a), int(b))] = float(j)
    os.unlink(out)
    return pairs, wall, cpu, proc.stderr.strip()


def run_sklearn(path, min_cosine, block=2000):
    cpu0, t0 = time.process_time(), time.perf_counter()
    with open(path, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    x = TfidfVectorizer().fit_transform(texts)
    xt = x.T.tocsc()
    pairs = {}
    for start in range(0, x.shape[0], block):
        s = (x[start:start + block] @ xt).toarray()
        rows, cols = np.nonzero(s >= min_cosine)
        for r, c in zip(rows, cols):
            a, b = start + int(r), int(c)
            if a < b:
                pairs[(a + 1, b + 1)] = float(s[r, c])
    return pairs, time.perf_counter() - t0, time.process_time() - cpu0, len(texts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", default="/work/shared/corpora/reuters21578.jsonl")
    ap.add_argument("--lede", default=os.path.join(ROOT, "build", "lede"))
    ap.add_argument("--min-jaccard", type=float, default=0.5)
    ap.add_argument("--min-cosine", type=float, default=0.9)
    args = ap.parse_args()

    lp, lwall, lcpu, lmsg = run_lede(args.lede, args.path, args.min_jaccard)
    sp, swall, scpu, n = run_sklearn(args.path, args.min_cosine)
    both = set(lp) & set(sp)
    only_l, only_s = set(lp) - set(sp), set(sp) - set(lp)
    print(f"{n} documents ({args.path})")
    print(f"lede    {lwall:6.2f} s wall, {lcpu:6.2f} s CPU: {len(lp)} pairs with 5-gram Jaccard >= {args.min_jaccard}")
    print(f"        ({lmsg})")
    print(f"sklearn {swall:6.2f} s wall, {scpu:6.2f} s CPU: {len(sp)} pairs with tf-idf cosine >= {args.min_cosine}")
    print(f"speed-up: {swall / lwall:.1f}x wall, {scpu / lcpu:.1f}x CPU")
    print(f"agreeing (both find): {len(both)}; lede only: {len(only_l)}; sklearn only: {len(only_s)}")
    if only_l:
        cos = sorted(lp[p] for p in only_l)
        print(f"  lede only: Jaccard median {cos[len(cos) // 2]:.2f}")
    if only_s:
        js = sorted(sp[p] for p in only_s)
        print(f"  sklearn only: cosine median {js[len(js) // 2]:.3f}")
    for p in sorted(both)[:10]:
        print(f"  agree {p[0]:5d} {p[1]:5d}  Jaccard {lp[p]:.3f}  cosine {sp[p]:.3f}")


if __name__ == "__main__":
    sys.exit(main())
