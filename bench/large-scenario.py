#!/usr/bin/env python3
"""Writes a large scenario derived from scenarios/dfw-hub.yaml, for timing the reading and validation pass.

    bench/large-scenario.py feeds 10000 > /tmp/feeds-10000.yaml   # 10,000 feeds spread over the three sites
    bench/large-scenario.py chain 20000 > /tmp/chain-20000.yaml   # 20,000 spokes in a chain of routes to the hub

Everything but sites, routes and feeds is the bundled scenario's, so the file is a valid scenario of the
same plant. docs/scenarios.md ("Large files") gives the timings these files produce.
"""
import pathlib
import re
import sys

SCRAP = ["hdd-vcm", "ev-rotor", "industrial-motor", "speaker-zn", "wind-generator", "pre-consumer-rejects"]
BUNDLED_SITES = ["sc-spoke", "nv-spoke", "dfw-hub"]


def main() -> None:
    if len(sys.argv) != 3 or sys.argv[1] not in ("feeds", "chain"):
        sys.exit(__doc__)
    kind, n = sys.argv[1], int(sys.argv[2])
    text = (pathlib.Path(__file__).resolve().parent.parent / "scenarios" / "dfw-hub.yaml").read_text(encoding="utf-8")
    sites = re.search(r"^sites:\n.*?(?=^routes:)", text, re.S | re.M).group(0)
    routes = re.search(r"^routes:\n.*?(?=^# Scrap on offer)", text, re.S | re.M).group(0)
    feeds = re.search(r"^feeds:\n.*?(?=^equipment:)", text, re.S | re.M).group(0)
    out = []
    if kind == "feeds":
        # The bundled supply spread over n feeds, so HPMS still binds as in the bundled scenario.
        out.append(sites)
        out.append(routes)
        out.append("feeds:\n")
        for i in range(n):
            out.append(f"  - id: feed-{i}\n    scrapType: {SCRAP[i % len(SCRAP)]}\n"
                       f"    site: {BUNDLED_SITES[i % len(BUNDLED_SITES)]}\n    tonnesPerYear: {11550 / n:.6g}\n")
    else:
        # Spoke k ships to spoke k-1, spoke 1 to the hub; one feed at the far end of the chain.
        out.append(sites)
        for k in range(1, n + 1):
            out.append(f"  - id: chain-{k}\n    kind: spoke\n    latitude: 35\n    longitude: -100\n")
        out.append(routes)
        for k in range(1, n + 1):
            to = "dfw-hub" if k == 1 else f"chain-{k - 1}"
            out.append(f"  - from: chain-{k}\n    to: {to}\n    distanceKm: 1\n")
        out.append(feeds)
        out.append(f"  - id: chain-end\n    scrapType: hdd-vcm\n    site: chain-{n}\n    tonnesPerYear: 100\n")
    start = text.index(sites)
    end = text.index("equipment:\n", start)
    result = text[:start] + "".join(out) + "\n" + text[end:]
    if kind == "chain":
        # The far spoke pre-processes scrap, so it needs a grid region and an electricity tariff.
        result = result.replace("  gridRegions:\n", f"  gridRegions:\n    - site: chain-{n}\n      region: ERCT\n", 1)
        result = result.replace("  electricityTariffs:\n", f"  electricityTariffs:\n    - {{ site: chain-{n}, usdPerKWh: 0.07 }}\n", 1)
    sys.stdout.write(result)


if __name__ == "__main__":
    main()
