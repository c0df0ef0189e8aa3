#!/usr/bin/env python3
"""Helpers of scripts/long-run.sh (standard library only).

  long_run.py source CLIP.y4m WIDTH HEIGHT FRAMES   y4m on stdout: FRAMES frames of CLIP (8-bit
                                                    4:2:0), cropped to WIDTH x HEIGHT, played
                                                    forwards and backwards without end
  long_run.py repeat STREAM N OUT                   OUT plays STREAM N times: POCs shifted to
                                                    follow on, the sequence header repeated before
                                                    each copy (STREAM must be closed GOPs)
  long_run.py heap GC.LOG                           heap use from a -Xlog:gc log: peak, and the
                                                    largest heap after GC in each tenth of the run
"""
import re
import sys

CRC_TABLE = []
for i in range(256):
    c = i
    for _ in range(8):
        c = (c >> 1) ^ (0x82F63B78 if c & 1 else 0)
    CRC_TABLE.append(c)


def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c = CRC_TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def leb128(v):
    out = bytearray()
    while True:
        b, v = v & 0x7F, v >> 7
        out.append(b | (0x80 if v else 0))
        if not v:
            return bytes(out)


def read_leb128(s, pos):
    v = shift = 0
    while True:
        b = s[pos]
        pos += 1
        v |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return v, pos


def source(clip, width, height, frames):
    with open(clip, 'rb') as f:
        header = f.readline().decode('ascii').split()
        w = int(next(t[1:] for t in header if t.startswith('W')))
        h = int(next(t[1:] for t in header if t.startswith('H')))
        if width > w or height > h:
            sys.exit(f'long_run.py: {clip} is {w}x{h}, smaller than {width}x{height}')
        size = w * h * 3 // 2
        pictures = []
        while f.readline():
            pictures.append(f.read(size))
    crops = []
    for p in pictures:
        planes, pos = [], 0
        chroma = (w // 2, h // 2, width // 2, height // 2)
        for pw, ph, cw, ch in ((w, h, width, height), chroma, chroma):
            planes.append(b''.join(p[pos + y * pw: pos + y * pw + cw] for y in range(ch)))
            pos += pw * ph
        crops.append(b''.join(planes))
    order = list(range(len(crops))) + list(range(len(crops) - 2, 0, -1))
    out = sys.stdout.buffer
    out.write(f'YUV4MPEG2 W{width} H{height} F25:1 Ip A1:1 C420jpeg\n'.encode('ascii'))
    for n in range(frames):
        out.write(b'FRAME\n')
        out.write(crops[order[n % len(order)]])
    out.flush()


def repeat(stream, n, dst):
    s = open(stream, 'rb').read()
    units, pos = [], 8
    while pos < len(s):
        size, body = read_leb128(s, pos + 1)
        units.append((s[pos], s[body:body + size]))
        pos = body + size + 4
    header = units[0][1]
    frames = []
    for kind, body in units[1:]:
        if kind == 1:
            poc, p = read_leb128(body, 1)
            frames.append((body[0], poc, body[p:]))
    span = max(poc for _, poc, _ in frames) + 1

    def unit(kind, body):
        head = bytes([kind]) + leb128(len(body))
        return head + body + crc32c(head + body).to_bytes(4, 'big')

    with open(dst, 'wb') as out:
        out.write(s[:8])
        for k in range(n):
            out.write(unit(0, header))
            for ft, poc, payload in frames:
                out.write(unit(1, bytes([ft]) + leb128(poc + k * span) + payload))
    print(f'{dst}: {n} x {len(frames)} frames')


def heap(log):
    events = []  # (seconds, before MB, after MB)
    fulls = []
    for line in open(log):
        m = re.search(r'\[([0-9.]+)s\].*Pause.* (\d+)M->(\d+)M\((\d+)M\)', line)
        if m:
            events.append((float(m.group(1)), int(m.group(2)), int(m.group(3))))
            if 'Pause Full' in line:
                fulls.append(events[-1])
    if not events:
        sys.exit(f'long_run.py: no GC pauses in {log}')
    end = events[-1][0]
    tenths = []
    for i in range(10):
        inside = [a for t, _, a in events if i * end / 10 <= t <= (i + 1) * end / 10 + 1e-9]
        tenths.append(max(inside) if inside else None)
    full = [a for t, _, a in fulls]
    print(f'GC pauses {len(events)} ({len(fulls)} full), peak heap {max(b for _, b, _ in events)} MB, '
          f'largest heap after GC {max(a for _, _, a in events)} MB'
          + (f', after full GCs {min(full)}..{max(full)} MB' if full else ''))
    print('largest heap after GC per tenth of the run (MB): '
          + ' '.join('-' if v is None else str(v) for v in tenths))


if __name__ == '__main__':
    cmd = sys.argv[1] if len(sys.argv) > 1 else ''
    if cmd == 'source' and len(sys.argv) == 6:
        source(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    elif cmd == 'repeat' and len(sys.argv) == 5:
        repeat(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif cmd == 'heap' and len(sys.argv) == 3:
        heap(sys.argv[2])
    else:
        sys.exit(__doc__)
