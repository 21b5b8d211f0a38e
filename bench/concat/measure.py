"""Measures string growth in a loop on this interpreter (issue 12, `string-concat-in-loop`).

    python3 bench/concat/measure.py [N ...]

Appends a 10-byte piece N times in each shape the rule tells apart and prints the seconds (median of 3)
and the ratio to N/2, which is 2 for linear growth and 4 for quadratic. Results go to BENCHMARKS.md.
"""
import statistics
import sys
import time

PIECE = "0123456789"
BPIECE = b"0123456789"


def local_str(n):
    s = ""
    for _ in range(n):
        s += PIECE
    return s


def local_str_shared(n):
    s = ""
    previous = s
    for _ in range(n):
        previous = s  # a second reference alive at `+=`: CPython copies instead of resizing
        s += PIECE
    return s, previous


def local_str_read(n):
    s = ""
    for _ in range(n):
        s += PIECE
        if s[-1] == "x":  # reads it, keeps it uniquely referenced
            break
    return s


def local_bytes(n):
    b = b""
    for _ in range(n):
        b += BPIECE
    return b


class Holder:
    pass


def attribute_str(n):
    h = Holder()
    h.out = ""
    for _ in range(n):
        h.out += PIECE
    return h.out


def item_str(n):
    d = {"out": ""}
    for _ in range(n):
        d["out"] += PIECE
    return d["out"]


G = ""


def global_str(n):
    global G
    G = ""
    for _ in range(n):
        G += PIECE
    return G


def join(n):
    parts = []
    for _ in range(n):
        parts.append(PIECE)
    return "".join(parts)


SHAPES = [local_str, local_str_shared, local_str_read, local_bytes, attribute_str, item_str, global_str, join]


def median_seconds(function, n):
    times = []
    for _ in range(3):
        started = time.perf_counter()
        function(n)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [25_000, 50_000, 100_000]
    print(f"# {sys.implementation.name} {sys.version.split()[0]}")
    print("shape," + ",".join(f"n={n}" for n in sizes) + ",ratio last/half")
    for shape in SHAPES:
        seconds = [median_seconds(shape, n) for n in sizes]
        ratio = seconds[-1] / seconds[-2] if len(seconds) > 1 and seconds[-2] > 0 else float("nan")
        print(f"{shape.__name__}," + ",".join(f"{s:.4f}" for s in seconds) + f",{ratio:.1f}")


if __name__ == "__main__":
    main()
