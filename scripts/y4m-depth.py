#!/usr/bin/env python3
"""Copy an 8-bit 4:2:0 YUV4MPEG2 file at a higher bit depth: every sample shifted left by
(DEPTH - 8), the colour tag set to C420p<DEPTH> (16-bit little-endian samples), other tags kept.

usage: y4m-depth.py SRC.y4m DST.y4m DEPTH [FRAMES]

This is how an 8-bit source is coded at a higher internal bit depth (as the JVET common test
conditions code 8-bit sequences at 10 bits); docs/neural-filter.md uses it for the filter's
finer output step.
"""
import sys
from array import array


def main() -> None:
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__.strip().splitlines()[2])
    src, dst, depth = sys.argv[1], sys.argv[2], int(sys.argv[3])
    limit = int(sys.argv[4]) if len(sys.argv) == 5 else None
    if not 9 <= depth <= 16:
        sys.exit("y4m-depth: DEPTH must be 9..16")
    with open(src, "rb") as f:
        header = f.readline().decode("ascii").split()
        if not header or header[0] != "YUV4MPEG2":
            sys.exit("y4m-depth: not a YUV4MPEG2 file")
        tags = {t[0]: t[1:] for t in header[1:]}
        colour = tags.get("C", "420jpeg")
        if colour not in ("420jpeg", "420mpeg2", "420paldv", "420"):
            sys.exit(f"y4m-depth: only 8-bit 4:2:0 sources, not C{colour}")
        w, h = int(tags["W"]), int(tags["H"])
        size = w * h + 2 * ((w + 1) // 2) * ((h + 1) // 2)
        # XYSCSS (ffmpeg's 8-bit subsampling tag) would contradict the new depth: dropped
        out_header = [t for t in header if t[0] != "C" and not t.startswith("XYSCSS=")] + [f"C420p{depth}"]
        shift = depth - 8
        with open(dst, "wb") as o:
            o.write((" ".join(out_header) + "\n").encode("ascii"))
            n = 0
            while limit is None or n < limit:
                line = f.readline()
                if not line:
                    break
                if not line.startswith(b"FRAME"):
                    sys.exit(f"y4m-depth: frame {n}: no FRAME line")
                data = f.read(size)
                if len(data) != size:
                    sys.exit(f"y4m-depth: frame {n} is truncated")
                samples = array("H", (v << shift for v in data))
                if sys.byteorder != "little":
                    samples.byteswap()
                o.write(line)
                o.write(samples.tobytes())
                n += 1


if __name__ == "__main__":
    main()
