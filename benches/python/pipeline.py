#!/usr/bin/env python3
"""What a Python user would write instead of hadath, timed on the corpus of
the Rust bench `benches/pipeline.rs`.

Per article:
  1. normalization with pyarabic.araby: strip_tashkeel, strip_tatweel,
     normalize_hamza(method="tasheel") (hamza carriers -> bare letters),
     normalize_alef, normalize_teh (TEH MARBUTA -> HEH);
  2. FlashText KeywordProcessor holding every Arabic name, alias and demonym
     of gazetteers/actors.toml and gazetteers/places.toml (normalized the
     same way; keyword -> entry id), extract_keywords(text, span_info=True);
  3. dateparser.search.search_dates(text, languages=["ar"]).

The corpus is the seeds/*.txt files sorted by name, the list repeated
`bytes // one + 1` times, bytes = HADATH_BENCH_MB (default 20) << 20, as in
benches/common/mod.rs. `--limit-mb X` runs the longest prefix of whole
articles of at most X MiB (at least one article).

Throughputs are in MiB/s (bytes / 2**20 / s), bytes being UTF-8 bytes, as
criterion counts them for the Rust bench.

    /work/venv-bench/bin/python benches/python/pipeline.py --limit-mb 2 --repeat 3
"""

import argparse
import os
import platform
import statistics
import sys
import time
from importlib.metadata import version
from pathlib import Path

import tomllib  # Python >= 3.11

import pyarabic.araby as araby
from flashtext import KeywordProcessor
from dateparser.search import search_dates

ROOT = Path(__file__).resolve().parents[2]
MIB = 1 << 20


def corpus_bytes() -> int:
    try:
        mb = int(os.environ.get("HADATH_BENCH_MB", ""))
    except ValueError:
        mb = 20
    return mb << 20


def seeds() -> list[str]:
    paths = sorted(p for p in (ROOT / "seeds").iterdir() if p.suffix == ".txt")
    return [p.read_text(encoding="utf-8") for p in paths]


def repeated(seeds: list[str], nbytes: int) -> list[str]:
    one = sum(len(s.encode("utf-8")) for s in seeds)
    reps = nbytes // max(one, 1) + 1
    return [s for _ in range(reps) for s in seeds]


def normalize(text: str) -> str:
    text = araby.strip_tashkeel(text)
    text = araby.strip_tatweel(text)
    text = araby.normalize_hamza(text, method="tasheel")
    text = araby.normalize_alef(text)
    text = araby.normalize_teh(text)
    return text


def gazetteer_names() -> list[tuple[str, str]]:
    """(name, "kind:id") for every Arabic name, alias and demonym."""
    out = []
    for file in ("actors.toml", "places.toml"):
        with open(ROOT / "gazetteers" / file, "rb") as f:
            data = tomllib.load(f)
        for kind, entries in data.items():
            if not isinstance(entries, list):
                continue
            for e in entries:
                names = [e.get("name_ar", "")]
                names += e.get("aliases_ar", [])
                names += e.get("demonyms_ar", [])
                for n in names:
                    if n:
                        out.append((n, f"{kind}:{e['id']}"))
    return out


def keyword_processor() -> tuple[KeywordProcessor, int]:
    kp = KeywordProcessor()
    # FlashText's word characters are ASCII only by default, which makes every
    # Arabic letter a word boundary; a user has to add the Arabic letters.
    kp.non_word_boundaries |= {
        chr(c) for c in range(0x0600, 0x0700) if chr(c).isalnum()
    }
    n = 0
    for name, ident in gazetteer_names():
        kp.add_keyword(normalize(name), ident)
        n += 1
    return kp, n


def run(articles, kp):
    t_norm = t_kw = t_date = 0.0
    n_kw = n_date = 0
    clock = time.perf_counter
    for a in articles:
        t0 = clock()
        text = normalize(a)
        t1 = clock()
        kws = kp.extract_keywords(text, span_info=True)
        t2 = clock()
        # dateparser reads the article as written (its Arabic data has the
        # hamza forms), as a user would call it.
        dates = search_dates(a, languages=["ar"])
        t3 = clock()
        t_norm += t1 - t0
        t_kw += t2 - t1
        t_date += t3 - t2
        n_kw += len(kws)
        n_date += len(dates) if dates else 0
    return {
        "normalize": t_norm,
        "keywords": t_kw,
        "dates": t_date,
        "total": t_norm + t_kw + t_date,
        "n_kw": n_kw,
        "n_date": n_date,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit-mb", type=float, default=None,
                    help="run the longest prefix of whole articles <= X MiB")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    s = seeds()
    full = repeated(s, corpus_bytes())
    full_bytes = sum(len(a.encode("utf-8")) for a in full)
    articles = full
    if args.limit_mb is not None:
        limit = int(args.limit_mb * MIB)
        articles, acc = [], 0
        for a in full:
            b = len(a.encode("utf-8"))
            if articles and acc + b > limit:
                break
            articles.append(a)
            acc += b
    nbytes = sum(len(a.encode("utf-8")) for a in articles)

    print(f"python {platform.python_version()} on {platform.machine()}, "
          f"{os.cpu_count()} cpus")
    print("versions: " + ", ".join(
        f"{p} {version(p)}" for p in ("PyArabic", "flashtext", "dateparser",
                                      "regex")))
    print(f"corpus: {len(full)} articles, {full_bytes} bytes "
          f"({full_bytes / MIB:.2f} MiB) as benches/pipeline.rs")
    print(f"run:    {len(articles)} articles, {nbytes} bytes "
          f"({nbytes / MIB:.2f} MiB)"
          + (" (prefix, --limit-mb)" if len(articles) < len(full) else ""))

    t0 = time.perf_counter()
    kp, n_names = keyword_processor()
    t_build = time.perf_counter() - t0
    print(f"keyword processor: {n_names} names, {len(kp)} distinct keywords, "
          f"built in {t_build * 1e3:.1f} ms (not in the timings below)")

    # Warm-up on the seeds: dateparser loads and compiles its Arabic data on
    # first use.
    t0 = time.perf_counter()
    run(s, kp)
    print(f"warm-up on the {len(s)} seeds: {time.perf_counter() - t0:.2f} s "
          f"(not in the timings below)")

    results = []
    for i in range(args.repeat):
        c0 = time.process_time()
        r = run(articles, kp)
        r["cpu"] = time.process_time() - c0
        results.append(r)
        print(f"run {i + 1}: total {r['total']:.2f} s "
              f"(process CPU {r['cpu']:.2f} s) "
              f"= {nbytes / MIB / r['total']:.3f} MiB/s, "
              f"{len(articles) / r['total']:.1f} articles/s | "
              + " | ".join(f"{k} {r[k]:.2f} s "
                           f"({nbytes / MIB / r[k]:.2f} MiB/s)"
                           for k in ("normalize", "keywords", "dates"))
              + f" | {r['n_kw']} keywords, {r['n_date']} dates",
              flush=True)

    print()
    print(f"{'step':<10} {'best s':>9} {'best MiB/s':>11} "
          f"{'median s':>9} {'median MiB/s':>13} {'share':>6}")
    med_total = statistics.median(r["total"] for r in results)
    for k in ("normalize", "keywords", "dates", "total"):
        ts = [r[k] for r in results]
        best, med = min(ts), statistics.median(ts)
        print(f"{k:<10} {best:>9.3f} {nbytes / MIB / best:>11.3f} "
              f"{med:>9.3f} {nbytes / MIB / med:>13.3f} "
              f"{med / med_total:>6.1%}")
    cpus = [r["cpu"] for r in results]
    print(f"process CPU time of a run: best {min(cpus):.3f} s "
          f"= {nbytes / MIB / min(cpus):.3f} MiB/s, median "
          f"{statistics.median(cpus):.3f} s = "
          f"{nbytes / MIB / statistics.median(cpus):.3f} MiB/s "
          f"(less sensitive to other load on the machine)")
    best_total = min(r["total"] for r in results)
    print(f"articles/s: best {len(articles) / best_total:.1f}, "
          f"median {len(articles) / med_total:.1f}")
    print(f"outputs per run: {results[0]['n_kw']} keywords, "
          f"{results[0]['n_date']} dates")


if __name__ == "__main__":
    sys.exit(main())
