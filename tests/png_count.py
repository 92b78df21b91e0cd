"""png_count — how many pixels of a PNG have each of the given colours.
Usage: python3 tests/png_count.py FILE.png RRGGBB... ; prints one count per
colour, space-separated.  Reads the 8-bit RGB and RGBA PNGs mailsim shot
writes (zlib only, no imaging library)."""
import struct
import sys
import zlib


def png_count_pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit("%s: not a PNG" % path)
    pos, idat, w, h, ctype = 8, b"", 0, 0, 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, lace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or lace:
                raise SystemExit("%s: expected 8-bit RGB or RGBA, not interlaced" % path)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    bpp = 3 if ctype == 2 else 4
    raw, stride = zlib.decompress(idat), w * bpp
    prev, rows = bytearray(stride), []
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return rows, bpp


def main():
    rows, bpp = png_count_pixels(sys.argv[1])
    want = [bytes.fromhex(c) for c in sys.argv[2:]]
    counts = [0] * len(want)
    for row in rows:
        for x in range(0, len(row), bpp):
            px = row[x:x + 3]
            for i, c in enumerate(want):
                if px == c:
                    counts[i] += 1
    print(" ".join(str(n) for n in counts))


if __name__ == "__main__":
    main()
