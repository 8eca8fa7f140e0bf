"""Draws assets/icon.png (128 x 128, the NuGet package icon): a GPU die with pins and a check mark. Standard library only."""
import struct
import zlib
from pathlib import Path

SIZE = 128
BACKGROUND = (17, 24, 39)
DIE = (31, 41, 55)
ACCENT = (16, 185, 129)
CHECK = (255, 255, 255)


def inside_rounded(x, y, left, top, right, bottom, radius):
    cx = min(max(x, left + radius), right - radius)
    cy = min(max(y, top + radius), bottom - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def near_segment(x, y, a, b, width):
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    px, py = ax + t * dx, ay + t * dy
    return (x - px) ** 2 + (y - py) ** 2 <= (width / 2) ** 2


def pixel(x, y):
    fx, fy = x + 0.5, y + 0.5
    if not inside_rounded(fx, fy, 0, 0, SIZE, SIZE, 22):
        return (0, 0, 0, 0)
    if near_segment(fx, fy, (40, 66), (57, 84), 11) or near_segment(fx, fy, (57, 84), (90, 44), 11):
        return CHECK + (255,)
    if inside_rounded(fx, fy, 26, 26, 102, 102, 10):
        border = not inside_rounded(fx, fy, 31, 31, 97, 97, 7)
        return (ACCENT if border else DIE) + (255,)
    for i in range(5):
        pin = 36 + i * 13
        if pin <= fx <= pin + 5 and (14 <= fy <= 26 or 102 <= fy <= 114):
            return ACCENT + (255,)
        if pin <= fy <= pin + 5 and (14 <= fx <= 26 or 102 <= fx <= 114):
            return ACCENT + (255,)
    return BACKGROUND + (255,)


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


rows = b"".join(b"\x00" + bytes(c for x in range(SIZE) for c in pixel(x, y)) for y in range(SIZE))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
Path(__file__).with_name("icon.png").write_bytes(png)
