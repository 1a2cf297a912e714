// Command detectbench runs the detector's synthetic benchmark and prints its
// quality report, beside a per-sensor z-score on the same data:
//
//	go run ./lookout/detect/internal/detectbench            # the full benchmark, 3 data sets
//	go run ./lookout/detect/internal/detectbench -small     # the tests' variant
//	go run ./lookout/detect/internal/detectbench -export DIR  # also write each data set as CSV
//	go run ./lookout/detect/internal/detectbench -predictions FILE  # score another detector's predictions
//
// -export writes DIR/benchN.csv (time, split, then one column per sensor,
// empty where missing) for a peer detector run by hand; -predictions reads
// lines "N,time,prediction" (data set N, Unix time, 0 or 1) for the
// evaluation rows and reports them as the others.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout/detect"
	"github.com/lookout-equipment/lookoutequipment/lookout/detect/internal/synth"
)

func main() {
	small := flag.Bool("small", false, "run the tests' small variant")
	sets := flag.Int("sets", 3, "data sets (seeds Seed, Seed+1, ...)")
	export := flag.String("export", "", "write each data set as CSV into this folder")
	preds := flag.String("predictions", "", "score a peer's predictions from this file")
	flag.Parse()
	cfg := synth.Full
	if *small {
		cfg = synth.Small
	}
	var ours, z, peer synth.Report
	var peerPred map[int]map[int64]int
	if *preds != "" {
		var err error
		if peerPred, err = readPredictions(*preds); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	for k := range *sets {
		c := cfg
		c.Seed += uint64(k)
		d := synth.Generate(c)
		if *export != "" {
			if err := writeCSV(fmt.Sprintf("%s/bench%d.csv", *export, k), d); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
		t0 := time.Now()
		m, err := detect.Train(frame(d, 0, d.Train), detect.Options{})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		trained := time.Since(t0)
		res, err := m.Score(frame(d, d.Train, d.Rows()))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		pred := make([]int, len(res))
		shares := make([][]float64, len(res))
		for i, r := range res {
			r = r.Round()
			pred[i], shares[i] = r.Prediction, r.Shares
		}
		rep := d.Evaluate(pred, shares)
		ours.Add(&rep)
		zp, zs := zscore(d)
		zr := d.Evaluate(zp, zs)
		z.Add(&zr)
		if peerPred != nil {
			pp := make([]int, len(res))
			for i, r := range res {
				pp[i] = peerPred[k][r.Time]
			}
			pr := d.Evaluate(pp, nil)
			peer.Add(&pr)
		}
		fmt.Printf("data set %d (seed %d): %d sensors, %d rows, trained in %s, threshold %.1f\n",
			k, c.Seed, len(d.Sensors), d.Rows(), trained.Round(time.Millisecond), m.Threshold())
	}
	ours.Print(os.Stdout, "detect")
	z.Print(os.Stdout, "per-sensor z-score")
	if peerPred != nil {
		peer.Print(os.Stdout, "peer ("+*preds+")")
	}
}

// zscore is the baseline: each sensor standardised by its training mean and
// standard deviation (missing values carried forward), the row's statistic
// the largest squared z, its threshold by the detector's own rule (the
// 99.9th percentile of the training statistic plus three times its distance
// from the 99th), shares z²/Σz².
func zscore(d *synth.Data) ([]int, [][]float64) {
	f := d
	p := len(f.Sensors)
	filled := make([][]float64, p)
	mean, sd := make([]float64, p), make([]float64, p)
	for j, c := range f.Columns {
		col := slices.Clone(c)
		prev := math.NaN()
		for i, v := range col {
			if math.IsNaN(v) {
				col[i] = prev
			} else {
				prev = v
			}
		}
		filled[j] = col
		n := 0
		for _, v := range col[:d.Train] {
			if !math.IsNaN(v) {
				mean[j] += v
				n++
			}
		}
		mean[j] /= float64(n)
		for _, v := range col[:d.Train] {
			if !math.IsNaN(v) {
				sd[j] += (v - mean[j]) * (v - mean[j])
			}
		}
		sd[j] = math.Sqrt(sd[j] / float64(n))
	}
	stat := func(i int, sh []float64) float64 {
		top, sum := 0.0, 0.0
		for j := range p {
			v := filled[j][i]
			if math.IsNaN(v) {
				v = mean[j]
			}
			z := (v - mean[j]) / sd[j]
			top = max(top, z*z)
			sum += z * z
			if sh != nil {
				sh[j] = z * z
			}
		}
		for j := range sh {
			sh[j] /= sum
		}
		return top
	}
	var tr []float64
	for i := range d.Train {
		tr = append(tr, stat(i, nil))
	}
	slices.Sort(tr)
	q99, q999 := tr[len(tr)*99/100], tr[len(tr)*999/1000]
	thr := q999 + 3*(q999-q99)
	n := f.Rows() - d.Train
	pred := make([]int, n)
	shares := make([][]float64, n)
	for i := range n {
		shares[i] = make([]float64, p)
		if stat(d.Train+i, shares[i]) > thr {
			pred[i] = 1
		}
	}
	return pred, shares
}

// frame is rows [a, b) of d as a detect.Frame.
func frame(d *synth.Data, a, b int) *detect.Frame {
	return &detect.Frame{Start: d.Time(a), Step: d.Step, Sensors: d.Sensors, Columns: d.Part(a, b)}
}

func writeCSV(path string, d *synth.Data) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(out)
	w.WriteString("time,split," + strings.Join(d.Sensors, ",") + "\n")
	for i := range d.Rows() {
		split := "train"
		if i >= d.Train {
			split = "eval"
		}
		w.WriteString(strconv.FormatInt(d.Time(i), 10) + "," + split)
		for _, c := range d.Columns {
			w.WriteByte(',')
			if !math.IsNaN(c[i]) {
				w.WriteString(strconv.FormatFloat(c[i], 'f', -1, 64))
			}
		}
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func readPredictions(path string) (map[int]map[int64]int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[int]map[int64]int{}
	for n, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Split(line, ",")
		if len(f) != 3 {
			return nil, fmt.Errorf("%s:%d: want set,time,prediction", path, n+1)
		}
		set, err1 := strconv.Atoi(f[0])
		t, err2 := strconv.ParseInt(f[1], 10, 64)
		p, err3 := strconv.Atoi(f[2])
		if err1 != nil || err2 != nil || err3 != nil {
			return nil, fmt.Errorf("%s:%d: want set,time,prediction", path, n+1)
		}
		if out[set] == nil {
			out[set] = map[int64]int{}
		}
		out[set][t] = p
	}
	return out, nil
}
