"""How long the offline gazetteer takes to build, and to answer uncached lookups.

    .venv/bin/python bench/bench_places.py
"""
import time

from dragoman.places.geocoder import geocode, index


def main() -> None:
    index.cache_clear()
    started = time.perf_counter()
    index()
    built = time.perf_counter() - started
    started = time.perf_counter()
    for i in range(2000):                       # distinct names: no cached answers
        geocode(f"Kyiv {i}", hints=("UKR",))
    looked = time.perf_counter() - started
    print(f"index built in {built:.2f}s; 2000 uncached lookups in {looked:.2f}s ({looked / 2:.2f} ms each)")


if __name__ == "__main__":
    main()
