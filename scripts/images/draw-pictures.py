#!/usr/bin/env python3
"""Draws made-up pictures as PNG with the standard library only, so the project may ship
them: a harbour at dusk (hills, sea, a pier; the test fixture's) or a city at night (the
example site's lead image).
Usage: draw-pictures.py WIDTH HEIGHT OUT.png [harbour|city]"""
import math, random, struct, sys, zlib

def png(path, width, height, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(row) for row in rows)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))

def mix(a, b, t):
    return [round(a[i] + (b[i] - a[i]) * t) for i in range(3)]

def city(width, height):
    random.seed(320)
    ground = int(height * 0.86)
    heights = [0] * width
    x = 0
    towers = []
    while x < width:
        w = random.randint(width // 40, width // 14)
        h = random.randint(int(height * 0.18), int(height * 0.62))
        towers.append((x, w, h))
        for i in range(x, min(width, x + w)):
            heights[i] = h
        x += w + random.randint(0, width // 120)
    lit = {}
    for (tx, w, h) in towers:
        for wy in range(ground - h + 12, ground - 10, 18):
            for wx in range(tx + 8, tx + w - 8, 14):
                lit[(wx // 14, wy // 18)] = random.random() < 0.45
    rows = []
    for y in range(height):
        row = bytearray()
        for x in range(width):
            if y >= ground:
                t = (y - ground) / (height - ground)
                colour = mix((40, 36, 44), (12, 12, 16), t)
            elif y >= ground - heights[x]:
                colour = (22, 24, 34)
                inside_x, inside_y = x % 14, y % 18
                if 2 <= inside_x <= 8 and 3 <= inside_y <= 11 and lit.get((x // 14, y // 18)):
                    colour = (246, 204, 120)
            else:
                colour = mix((10, 16, 48), (92, 60, 110), y / ground)
            row.extend(colour)
        rows.append(row)
    return rows

def main():
    width, height, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    if len(sys.argv) > 4 and sys.argv[4] == "city":
        png(out, width, height, city(width, height))
        return
    random.seed(2013)
    horizon = int(height * 0.58)
    ridge = [horizon - height * (0.12 + 0.06 * math.sin(x / width * 7.0) + 0.03 * math.sin(x / width * 23.0))
             for x in range(width)]
    rows = []
    for y in range(height):
        row = bytearray()
        for x in range(width):
            if y < ridge[x]:
                colour = mix((38, 52, 96), (236, 150, 92), y / horizon)
            elif y < horizon:
                colour = mix((46, 58, 64), (30, 40, 44), (y - ridge[x]) / max(1, horizon - ridge[x]))
            else:
                t = (y - horizon) / (height - horizon)
                colour = mix((196, 120, 84), (20, 42, 70), t ** 0.6)
                colour = [c + round(14 * math.sin(x / 9.0 + y * 1.7) * (1 - t)) for c in colour]
            if abs(x - width * 0.7) < width * 0.006 and horizon - height * 0.02 < y < height * 0.9:
                colour = (24, 20, 18)
            noise = random.randint(-1, 1)
            row.extend(max(0, min(255, c + noise)) for c in colour)
        rows.append(row)
    png(out, width, height, rows)

main()
