#!/bin/bash
# Prints the BD-rate tables of docs/rdo.md / docs/learned-intra.md ("Chroma weight") from the CSVs here.
cd "$(dirname "$0")"
B=../../scripts/probe_bdrate.py
for g in ai ra; do
  for cw in 1.4 2 2.8 4 5.6 8 auto; do
    [ -f off-$g-cw$cw.csv ] && { echo "## $g: tool off, F = $cw against F = 1"; python3 $B off-$g-cw1.csv off-$g-cw$cw.csv; echo; }
  done
done
for o in -4 -6; do
  [ -f off-ra-cw1-qpo$o.csv ] && { echo "## ra: tool off, F = 1, chroma QP offset $o (P/B frames) against -2"; python3 $B off-ra-cw1.csv off-ra-cw1-qpo$o.csv; echo; }
done
for cw in 1.4 2 5.6 auto; do
  [ -f lip4-ai-cw$cw.csv ] && { echo "## ai: lip4 against tool off, both at F = $cw"; python3 $B off-ai-cw$cw.csv lip4-ai-cw$cw.csv; echo;
    echo "## ai: lip4 at F = $cw against tool off at F = 1"; python3 $B off-ai-cw1.csv lip4-ai-cw$cw.csv; echo; }
done
for cw in 1 auto; do
  [ -f lip4-ra-cw$cw.csv ] && { echo "## ra: lip4 against tool off, both at F = $cw"; python3 $B off-ra-cw$cw.csv lip4-ra-cw$cw.csv; echo; }
done
for p in 1 2 4 3; do
  [ -f off-ai-cw2-parts$p.csv ] && { echo "## ai: tool off, F = 2 only in parts $p (1 D of CU/inter, 2 chroma lambda, 4 NLF) against F = 1"; python3 $B off-ai-cw1.csv off-ai-cw2-parts$p.csv; echo; }
done
