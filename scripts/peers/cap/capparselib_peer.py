"""CAP parse + validate throughput of capparselib, the peer of `mirsad-bench cap`.

    capparselib_peer.py --seconds S --json OUT FILE...

capparselib validates each message against the CAP schema of its version while parsing
(`CAPParser(text)`), and raises for a message it rejects. Writes one JSON object: files per
second over rounds of all files, and the verdict on each file.
"""
import argparse
import json
import logging
import time

from capparselib.parsers import CAPParser

logging.disable(logging.CRITICAL)


def verdict(text):
    try:
        alerts = CAPParser(text).as_dict()
        return "accepted" if alerts else "rejected: no alert"
    except Exception as error:  # capparselib raises bare Exceptions for invalid input
        return "rejected: %s" % (str(error).splitlines()[0] if str(error) else type(error).__name__)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--json", required=True, help="where to write the result")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    texts = []
    for path in args.files:
        with open(path, encoding="utf-8") as f:
            texts.append((path, f.read()))
    verdicts = {path.rsplit("/", 1)[-1]: verdict(text) for path, text in texts}
    parsed = 0
    start = time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        for _, text in texts:
            verdict(text)
            parsed += 1
    elapsed = time.perf_counter() - start
    result = {"files_per_second": parsed / elapsed, "files": parsed, "verdicts": verdicts}
    with open(args.json, "w", encoding="utf-8") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
