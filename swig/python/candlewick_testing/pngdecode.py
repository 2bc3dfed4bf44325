"""A minimal PNG decoder (Debian's python3 has no PIL): enough to read back
what candlewick writes and check it pixel for pixel.

Handles non-interlaced palette images of 1, 2, 4 or 8 bits per index (with
optional tRNS), greyscale of 1 to 8 bits, and 8-bit RGB, grey+alpha and RGBA;
verifies every chunk's CRC and the chunk order rules the tests rely on.
Anything else raises ValueError."""

import struct
import zlib

import numpy as np

SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Colour type -> samples per pixel.
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
# Colour type -> bit depths this decoder reads (sub-byte depths are packed).
_DEPTHS = {0: (1, 2, 4, 8), 2: (8,), 3: (1, 2, 4, 8), 4: (8,), 6: (8,)}


def chunks(png):
    """Yields (type, data) for each chunk, checking the signature and CRCs."""
    if png[:8] != SIGNATURE:
        raise ValueError("not a PNG signature: %r" % png[:8])
    pos = 8
    while pos < len(png):
        if pos + 12 > len(png):
            raise ValueError("truncated chunk header at %d" % pos)
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        data = png[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", png[pos + 8 + length:pos + 12 + length])
        if len(data) != length:
            raise ValueError("chunk %r is truncated: %d of %d bytes" % (kind, len(data), length))
        if zlib.crc32(kind + data) != crc:
            raise ValueError("chunk %r has CRC %08x, expected %08x"
                             % (kind, crc, zlib.crc32(kind + data)))
        yield kind.decode("ascii"), data
        pos += 12 + length


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _unfilter(raw, height, row_bytes, bpp):
    """Reverses the per-row filters (PNG spec section 9)."""
    out = np.zeros((height, row_bytes), dtype=np.uint8)
    prev = np.zeros(row_bytes, dtype=np.uint8)
    stride = row_bytes + 1
    if len(raw) != height * stride:
        raise ValueError("image data has %d bytes, expected %d" % (len(raw), height * stride))
    for y in range(height):
        kind = raw[y * stride]
        line = np.frombuffer(raw, np.uint8, row_bytes, y * stride + 1)
        if kind == 0:  # None
            row = line.copy()
        elif kind == 1:  # Sub: running sum per byte lane, mod 256
            padded = np.zeros(-(-row_bytes // bpp) * bpp, dtype=np.uint8)
            padded[:row_bytes] = line
            row = np.cumsum(padded.reshape(-1, bpp), axis=0, dtype=np.uint8).reshape(-1)[:row_bytes]
        elif kind == 2:  # Up
            row = line + prev
        elif kind in (3, 4):  # Average, Paeth: sequential, byte by byte
            cur = [0] * row_bytes
            up = prev.tolist()
            for x, value in enumerate(line.tolist()):
                left = cur[x - bpp] if x >= bpp else 0
                if kind == 3:
                    predictor = (left + up[x]) >> 1
                else:
                    predictor = _paeth(left, up[x], up[x - bpp] if x >= bpp else 0)
                cur[x] = (value + predictor) & 0xFF
            row = np.array(cur, dtype=np.uint8)
        else:
            raise ValueError("unknown filter type %d in row %d" % (kind, y))
        out[y] = row
        prev = row
    return out


def decode_rgba(png):
    """Decodes a PNG file into a (height, width, 4) uint8 RGBA array.
    Also returns the header fields, as (array, info dict)."""
    header = None
    palette = None
    alpha = None
    idat = []
    seen_iend = False
    for kind, data in chunks(png):
        if seen_iend:
            raise ValueError("chunk %r after IEND" % kind)
        if kind == "IHDR":
            width, height, depth, colour, compression, filtering, interlace = \
                struct.unpack(">IIBBBBB", data)
            header = {"width": width, "height": height, "bit_depth": depth,
                      "color_type": colour, "interlace": interlace}
            if (depth not in _DEPTHS.get(colour, ()) or compression or filtering
                    or interlace):
                raise ValueError("unsupported PNG header %r" % (header,))
        elif kind == "PLTE":
            palette = np.frombuffer(data, np.uint8).reshape(-1, 3)
        elif kind == "tRNS":
            alpha = np.frombuffer(data, np.uint8)
        elif kind == "IDAT":
            idat.append(data)
        elif kind == "IEND":
            seen_iend = True
    if header is None or not idat or not seen_iend:
        raise ValueError("missing IHDR, IDAT or IEND")
    width, height, colour = header["width"], header["height"], header["color_type"]
    depth = header["bit_depth"]
    channels = _CHANNELS[colour]
    # Filters work on bytes: a sub-byte pixel counts as one byte of distance.
    row_bytes = (width * channels * depth + 7) // 8
    rows = _unfilter(zlib.decompress(b"".join(idat)), height, row_bytes,
                     max(1, channels * depth // 8))
    if depth < 8:
        # Packed samples, most significant bits first; rows are byte-padded.
        bits = np.unpackbits(rows, axis=1)[:, :width * depth].reshape(height, width, depth)
        weights = (1 << np.arange(depth - 1, -1, -1)).astype(np.uint8)
        rows = (bits * weights).sum(axis=2, dtype=np.uint8)
        if colour == 0:
            rows = rows * np.uint8(255 // ((1 << depth) - 1))  # scale grey to 8 bits
    pixels = rows.reshape(height, width, channels)
    rgba = np.empty((height, width, 4), dtype=np.uint8)
    if colour == 3:
        if palette is None:
            raise ValueError("palette image without PLTE")
        index = pixels[:, :, 0]
        if index.max() >= len(palette):
            raise ValueError("palette index out of range")
        table_alpha = np.full(len(palette), 255, dtype=np.uint8)
        if alpha is not None:
            table_alpha[:len(alpha)] = alpha
        rgba[:, :, :3] = palette[index]
        rgba[:, :, 3] = table_alpha[index]
    elif colour in (0, 4):
        rgba[:, :, :3] = pixels[:, :, :1]
        rgba[:, :, 3] = pixels[:, :, 1] if colour == 4 else 255
    else:
        rgba[:, :, :3] = pixels[:, :, :3]
        rgba[:, :, 3] = pixels[:, :, 3] if colour == 6 else 255
    header["palette_size"] = None if palette is None else len(palette)
    return rgba, header
