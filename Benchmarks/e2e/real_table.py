#!/usr/bin/env python3
"""Print the real-pages table of Benchmarks/e2e/run.sh from its per-round rows.

usage: real_table.py ROWS ARTICLES FEEDS MANIFEST_LINE

ROWS: one line per round, "round new thin errors wall_s cpu_s rss_kb py_n py_wall_s py_cpu_s py_rss_kb".
"""
import sys


def med(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] if xs else 0.0


def main():
    rows_file, articles, feeds, manifest = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split()
    with open(rows_file) as fh:
        rows = [r.split() for r in fh if r.strip()]
    print()
    print(f"wirescore e2e benchmark, real pages: {articles} articles in {feeds} feeds, "
          f"{manifest[2]} distinct pages ({int(manifest[3]) / 1e6:.1f} MB) replicated")
    hdr = (f"{'round':<7}{'side':<11}{'articles':>9}{'wall s':>9}{'articles/s':>12}"
           f"{'CPU-ms/page':>13}{'peak RSS MB':>13}{'ratio':>8}")
    print(hdr)
    print("-" * len(hdr))
    ratios, cratios, wps, pps, wcpu, pcpu, wrss = [], [], [], [], [], [], []
    for (rnd, new, thin, errs, secs, cpu, rss, pyn, pysecs, pycpu, pyrss) in rows:
        new, secs, cpu, rss = int(new), float(secs), float(cpu), int(rss)
        pyn, pysecs, pycpu, pyrss = int(pyn), float(pysecs), float(pycpu), int(pyrss)
        w = new / secs if secs else 0.0
        p = pyn / pysecs if pysecs else 0.0
        wc = 1000 * cpu / new if new else 0.0
        pc = 1000 * pycpu / pyn if pyn else 0.0
        r = w / p if p else 0.0
        ratios.append(r)
        cratios.append(pc / wc if wc else 0.0)
        wps.append(w); pps.append(p); wcpu.append(wc); pcpu.append(pc); wrss.append(rss)
        print(f"{rnd:<7}{'wirescore':<11}{new:>9}{secs:>9.2f}{w:>12.1f}{wc:>13.2f}{rss / 1024:>13.1f}{r:>7.1f}x")
        print(f"{'':<7}{'Python':<11}{pyn:>9}{pysecs:>9.2f}{p:>12.1f}{pc:>13.2f}{pyrss / 1024:>13.1f}")
        print(f"{'':<7}(wirescore: thin {thin}, errors {errs})")
    print("-" * len(hdr))
    blank = ""
    print(f"{'median':<7}{'wirescore':<11}{blank:>9}{blank:>9}{med(wps):>12.1f}{med(wcpu):>13.2f}"
          f"{max(wrss) / 1024:>13.1f}{med(ratios):>7.1f}x")
    print(f"{blank:<7}{'Python':<11}{blank:>9}{blank:>9}{med(pps):>12.1f}{med(pcpu):>13.2f}")
    print()
    print("articles/s: wirescore's new articles over the wall time of the whole ingest process (start-up,")
    print("feeds and output included); Python's articles over its fetch+extract+score loop. CPU-ms/page:")
    print("user+system CPU per article (wirescore: whole process). ratio: wirescore articles/s over")
    print(f"Python's in the same round. CPU per page, Python over wirescore (median): {med(cratios):.1f}x.")
    print("Peak RSS (wirescore): the largest of the rounds.")


if __name__ == "__main__":
    main()
