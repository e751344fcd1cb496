# scikit-learn's HistGradientBoosting on the same X Education rows as ModelBenchmark: prints "fit_seconds auc log_loss".
# Run by ModelBenchmark with Debian's /usr/bin/python3 + python3-sklearn; argv: dataset, train rows, test rows, excluded
# columns ('|'-separated). Blank cells and the form's untouched "Select" are missing; text columns are categorical.
import csv, sys, time
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import log_loss, roc_auc_score

data_path, train_path, test_path, excluded = sys.argv[1], sys.argv[2], sys.argv[3], set(sys.argv[4].split("|"))
with open(data_path, newline="", encoding="utf-8-sig") as f:
    header, *rows = list(csv.reader(f))
label = np.array([int(r[header.index("Converted")]) for r in rows])
columns, categorical = [], []
for c, name in enumerate(header):
    if name in excluded or name in ("", "Converted"):
        continue
    cells = [None if r[c].strip() in ("", "Select") else r[c].strip() for r in rows]
    try:
        columns.append([np.nan if v is None else float(v) for v in cells])
        categorical.append(False)
    except ValueError:
        levels = {v: i for i, v in enumerate(sorted({v for v in cells if v is not None}))}
        columns.append([np.nan if v is None else levels[v] for v in cells])
        categorical.append(True)
features = np.array(columns).T
train, test = np.loadtxt(train_path, dtype=int), np.loadtxt(test_path, dtype=int)
model = HistGradientBoostingClassifier(categorical_features=categorical, random_state=0)
started = time.perf_counter()
model.fit(features[train], label[train])
seconds = time.perf_counter() - started
probability = model.predict_proba(features[test])[:, 1]
print(f"{seconds:.4f} {roc_auc_score(label[test], probability):.4f} {log_loss(label[test], probability):.4f}")
