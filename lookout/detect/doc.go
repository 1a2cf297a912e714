// Package detect is a multivariate anomaly detector for sensor time series:
// it learns how a machine's sensors normally behave from training data on a
// regular time grid, then gives every timestamp it scores an anomaly score
// in [0, 1], a prediction (1 exactly when the score is above 0.5) and each
// sensor's share of the anomaly (shares adding up to 1). It is the detector
// of this module's stand-in for Amazon Lookout for Equipment, whose own
// algorithm was never published; this one is declared here, and chosen for
// what it catches: a spike, a drift, a stuck sensor, and a relation between
// sensors that breaks while every sensor stays within its usual range.
//
// # Data
//
// A Frame is a regular grid: Unix-second timestamps a fixed step apart, one
// column per sensor, NaN for a missing value. Resample builds one from
// irregular records the way the service did (points aligned to the epoch,
// the point t standing for (t - rate, t], the last valid value of that
// interval, forward-filled), and PickRate chooses the rate the service
// chose when none is given. Train and Score carry a missing value forward
// from the sensor's last valid one, as the grid does.
//
// # The algorithm
//
// Training, on the rows the caller keeps (Options.Exclude leaves out
// labelled ranges and rows where the machine is off):
//
//  1. Standardisation: each sensor's value v becomes z = (v - median) / s,
//     s the median absolute deviation × 1.4826 (the standard deviation when
//     that is 0; 1 when both are), clamped to ±1e100.
//  2. Relations: each sensor's z is predicted by ridge regression (penalty
//     0.01 per row on each coefficient but the intercept) from the other
//     sensors' z, the sine and cosine of the time of day and of its double,
//     and an intercept. The residual r_j = z_j - prediction is divided by its
//     own spread (1.4826 × its MAD, at least a tenth of its standard
//     deviation and 1e-6): e_j is the sensor's point deviation, in its
//     residual's standard deviations. A spike makes e_j large at once; a
//     broken relation makes it large while the sensor itself stays in range,
//     since the other sensors no longer predict it.
//  3. Drift: the mean of e_j clipped to ±3 over the last 3 hours of rows
//     (at least 3 and at most 4096 rows), divided by the spread of that mean
//     in training (1.4826 × the median of its absolute value): d_j. A slow
//     drift moves it long before the point deviation is large, and the clip
//     keeps a single spike from moving it.
//  4. Stuck: the run length of the sensor's value (rows it has held exactly
//     the same value, a carried-forward missing value included). L_j is the
//     longest run training saw, R, plus half of it and at least 3 more: a run
//     of r > L_j rows is stuck.
//  5. A sensor's contribution is c_j = max(e_j², d_j²), and, when it is
//     stuck, at least T × (r/L_j)²; the combined statistic S is the largest
//     contribution, S = max_j c_j (a single faulty sensor is not diluted by
//     the healthy ones).
//  6. Calibration: over the training rows (past the first drift window),
//     the threshold T is the 99.9th percentile of S plus 3 times its distance
//     from the 99th (an exponential tail extrapolated three decades further:
//     a normal row exceeds it about once in a million), and at least 1.
//
// Scoring a row: score = S / (S + T), so that the score is 0.5 at the
// threshold, and prediction = 1 exactly when S > T; shares are c_j / Σ c_j
// (equal when every c_j is 0). A Scorer keeps the state of steps 3 and 4
// across rows; until it has seen a drift window of rows the drift part is
// left out (Model.Warmup). Nothing depends on map order or goroutines: the
// same data gives bit-for-bit the same model and scores on any number of
// cores.
//
// # Quality
//
// The synthetic benchmark of internal/synth (3 components, 21 correlated
// sensors with daily cycles, noise, rounding and gaps, 90 days at 5
// minutes, 30 of training; a spike of 4 standard deviations over one row,
// a drift of 3 over 2 days, a sensor stuck for 6 hours and a relation broken
// for 12 hours, injected in the 60 days of evaluation) is run by
//
//	go run ./lookout/detect/internal/detectbench
//
// and a smaller variant by the tests (TestQuality). On its three data sets
// (seeds 18 to 20: 180 days of evaluation, 12 anomalies of each kind) this
// detector finds 12 of 12 of every kind, with the injected sensor first in
// the diagnostics of all 48; it flags 0.18% of normal time (0.44% counting
// the tails of the ranges that found an anomaly) and makes no false event.
// A per-sensor z-score, calibrated by the same rule, finds 7 spikes, 5
// drifts, no stuck sensor and no broken relation; scikit-learn's
// IsolationForest (200 trees, on the sensor values) finds 1 drift and
// nothing else at its training's 99.9th percentile, while making 10.8 false
// events per 30 days.
//
// # Results and metrics
//
// Result.Round gives a result as the service writes it (5 decimals, the
// rules still holding for the written values). Ranges finds the maximal
// runs of prediction 1 with their mean shares; Evaluate compares them with
// labelled ranges and gives the four ModelMetrics keys, and Metrics'
// MarshalJSON their document. Model.Save and Load keep a model in a
// versioned file format (see Save).
package detect
