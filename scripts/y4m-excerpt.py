#!/usr/bin/env python3
"""Copy the first N whole frames of a YUV4MPEG2 file, header and FRAME lines unchanged.

usage: y4m-excerpt.py SRC.y4m DST.y4m N

Only the C420*/C422/C444/mono chroma tags and 8-bit or >8-bit (p10, p12) layouts are sized;
X tags are carried over untouched.
"""
import sys


def frame_bytes(header: str) -> int:
    w = h = None
    chroma = "420"
    for tok in header.split()[1:]:
        if tok[0] == "W":
            w = int(tok[1:])
        elif tok[0] == "H":
            h = int(tok[1:])
        elif tok[0] == "C":
            chroma = tok[1:]
    if w is None or h is None:
        sys.exit("y4m-excerpt: header lacks W or H")
    bps = 2 if "p" in chroma and not chroma.endswith("jpeg") and chroma.split("p")[-1].isdigit() else 1
    if chroma.startswith("mono"):
        return w * h * bps
    if chroma.startswith("444"):
        cw, ch = w, h
    elif chroma.startswith("422"):
        cw, ch = (w + 1) // 2, h
    else:
        cw, ch = (w + 1) // 2, (h + 1) // 2
    return (w * h + 2 * cw * ch) * bps


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(src, "rb") as f:
        header = f.readline()
        if not header.startswith(b"YUV4MPEG2 "):
            sys.exit(f"y4m-excerpt: {src} is not a YUV4MPEG2 file")
        size = frame_bytes(header.decode("ascii").strip())
        out = [header]
        for i in range(n):
            marker = f.readline()
            if not marker.startswith(b"FRAME"):
                sys.exit(f"y4m-excerpt: {src} has only {i} frames")
            payload = f.read(size)
            if len(payload) != size:
                sys.exit(f"y4m-excerpt: {src} frame {i} is truncated")
            out += [marker, payload]
    with open(dst, "wb") as f:
        f.writelines(out)


if __name__ == "__main__":
    main()
