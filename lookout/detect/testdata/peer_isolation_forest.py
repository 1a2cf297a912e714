#!/usr/bin/python3
# By hand only, never run by the tests: scikit-learn's IsolationForest on the
# detector's synthetic benchmark, for the quality report's peer figures.
#
#   mkdir -p /tmp/bench
#   go run ./lookout/detect/internal/detectbench -export /tmp/bench
#   /usr/bin/python3 lookout/detect/testdata/peer_isolation_forest.py /tmp/bench 3
#   go run ./lookout/detect/internal/detectbench -predictions /tmp/bench/iforest_p999.csv
#   go run ./lookout/detect/internal/detectbench -predictions /tmp/bench/iforest_auto.csv
#
# Each data set's training rows (missing values carried forward, the
# training mean before the first) fit an IsolationForest of 200 trees
# (random_state 0) on the sensor values; the evaluation rows are flagged
# when their anomaly score passes the training rows' 99.9th percentile
# (iforest_p999.csv) or scikit-learn's own offset (predict, contamination
# "auto": iforest_auto.csv).
import csv
import sys

import numpy as np
from sklearn.ensemble import IsolationForest

folder, sets = sys.argv[1], int(sys.argv[2])
out = {"p999": [], "auto": []}
for k in range(sets):
    with open(f"{folder}/bench{k}.csv") as f:
        rows = list(csv.reader(f))
    times = np.array([int(r[0]) for r in rows[1:]])
    split = np.array([r[1] for r in rows[1:]])
    x = np.array([[float(v) if v else np.nan for v in r[2:]] for r in rows[1:]])
    train = split == "train"
    mean = np.nanmean(x[train], axis=0)
    for j in range(x.shape[1]):
        last = mean[j]
        for i in range(x.shape[0]):
            if np.isnan(x[i, j]):
                x[i, j] = last
            else:
                last = x[i, j]
    forest = IsolationForest(n_estimators=200, random_state=0).fit(x[train])
    train_score = -forest.score_samples(x[train])
    threshold = np.quantile(train_score, 0.999)
    ev = ~train
    score = -forest.score_samples(x[ev])
    auto = forest.predict(x[ev]) == -1
    for t, s, a in zip(times[ev], score, auto):
        out["p999"].append(f"{k},{t},{int(s > threshold)}")
        out["auto"].append(f"{k},{t},{int(a)}")
for name, lines in out.items():
    with open(f"{folder}/iforest_{name}.csv", "w") as f:
        f.write("\n".join(lines) + "\n")
