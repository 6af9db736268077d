#!/usr/bin/env python3
"""What a score threshold would trade, on a labelled set: for each threshold, recall@5,
precision and false alarms if only matches scored at or above it were kept; then how the
scores of good matches (relevant or acceptable) and of wrong ones are spread. Printed in CI's
log so that a change's trade-off is visible.

usage: curve.py REQUESTS.jsonl MATCHES.jsonl
(MATCHES is what `entraide match` writes: {"request", "matches": [{"offer", "score"}]}.)
"""
import json
import sys

THRESHOLDS = [0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
BUCKETS = [0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]


def read(path):
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def main(requests_path, matches_path):
    labels = {r["id"]: (set(r["relevant"]), set(r["acceptable"])) for r in read(requests_path)}
    got = {m["request"]: [(x["offer"], x["score"]) for x in m["matches"]][:5] for m in read(matches_path)}
    print("  threshold  recall@5  precision  false_alarms")
    for threshold in THRESHOLDS:
        found = wanted = returned = good = alarms = empty = 0
        for rid, (relevant, acceptable) in labels.items():
            kept = [offer for offer, score in got.get(rid, []) if score >= threshold]
            returned += len(kept)
            good += sum(1 for offer in kept if offer in relevant or offer in acceptable)
            if relevant:
                wanted += len(relevant)
                found += len(relevant & set(kept))
            else:
                empty += 1
                if any(offer not in acceptable for offer in kept):
                    alarms += 1
        recall = found / wanted if wanted else 1.0
        precision = good / returned if returned else 1.0
        print(f"  {threshold:9.2f}  {recall:8.3f}  {precision:9.3f}  {alarms:5d}/{empty}")
    fits, wrong = [0] * (len(BUCKETS) - 1), [0] * (len(BUCKETS) - 1)
    for rid, (relevant, acceptable) in labels.items():
        for offer, score in got.get(rid, []):
            bucket = next(i for i in range(len(BUCKETS) - 1) if score < BUCKETS[i + 1])
            (fits if offer in relevant or offer in acceptable else wrong)[bucket] += 1
    print("  score      good  wrong")
    for i in range(len(BUCKETS) - 1):
        print(f"  [{BUCKETS[i]:.1f},{min(BUCKETS[i + 1], 1.0):.1f})  {fits[i]:4d}  {wrong[i]:5d}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
