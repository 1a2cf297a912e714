// Package synth generates the detector's synthetic benchmark: correlated
// sensor signals with daily cycles, noise, rounding and gaps, with four
// kinds of anomaly injected in the evaluation part, and scores a detector's
// predictions against them.
//
// The signals: a plant load (a daily cycle with its first harmonic, plus a
// slow Ornstein–Uhlenbeck wander of time constant one day), an ambient
// temperature (a daily cycle of another phase, plus a wander of three
// days), and per component a wander of three hours. A sensor is a fixed mix
// of the load, the ambient and its component's wander, plus AR(1) noise
// (ρ = 0.3) of 15% to 35% of the signal's spread, offset and scaled into
// its own units and rounded to 0.01. Rows go missing one in 500 per sensor,
// and a component drops out for 5 to 30 minutes about every two days.
//
// The anomalies, each on one sensor chosen at random, placed one per slot
// of the evaluation part: a spike of 4 training standard deviations over
// one row; a drift growing linearly to 3 standard deviations over 2 days;
// the sensor stuck at its last value for 6 hours; and, for 12 hours, a
// relation broken while every sensor stays within its training range from
// the 1st to the 99th percentile (the sensor mirrored about its training
// median, clipped to that range: high when its peers say low).
//
// The scoring (Data.Evaluate): an event is found when a predicted range (a
// maximal run of prediction 1) starts between Tolerance before the event's
// first row and Tolerance after its last, and lasts (rows × step) at most
// MaxStretch times the event's duration. "Within an hour of the event"
// cannot mean of its start for a drift, which is a fraction of a standard
// deviation after an hour; the report also counts the events found within
// Tolerance of their start. Normal time is every row outside the events
// (each widened by Tolerance on both sides); the rows flagged there count
// against the detector unless they belong to a range that found an event
// (the report gives both figures); a false event is a predicted range that
// touches no event.
package synth

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Kind is a kind of injected anomaly.
type Kind int

// The kinds of anomaly.
const (
	Spike Kind = iota
	Drift
	Stuck
	Relation
	NumKinds
)

// String is the kind's name in the report.
func (k Kind) String() string {
	return [...]string{"spike", "drift", "stuck", "relation"}[k]
}

// Config is a benchmark's shape.
type Config struct {
	Seed                uint64
	Components          int   // at least 3
	SensorsPerComponent int   // sensors = Components × SensorsPerComponent
	Days                int   // whole data set
	TrainDays           int   // the first TrainDays are training, clean
	Step                int64 // seconds
	EventsPerKind       int   // in the evaluation part
}

// Full is the benchmark the README reports: 3 components of 7 sensors (21),
// 90 days at 5 minutes, 30 of training, 4 anomalies of each kind in the 60
// of evaluation.
var Full = Config{Seed: 18, Components: 3, SensorsPerComponent: 7, Days: 90, TrainDays: 30, Step: 300, EventsPerKind: 4}

// Small is the variant the tests run: 3 components of 7 sensors, 40 days,
// 15 of training, 2 anomalies of each kind.
var Small = Config{Seed: 7, Components: 3, SensorsPerComponent: 7, Days: 40, TrainDays: 15, Step: 300, EventsPerKind: 2}

// Event is an injected anomaly: Rows rows of Sensor from row Row.
type Event struct {
	Kind   Kind
	Sensor int
	Row    int
	Rows   int
}

// Data is a generated benchmark: row i is the time Start + i*Step,
// Columns[j][i] the value of Sensors[j] there (NaN where missing); rows
// [0, Train) are the training part, the rest the evaluation part.
type Data struct {
	Config  Config
	Start   int64 // Unix seconds
	Step    int64 // seconds
	Sensors []string
	Columns [][]float64
	Train   int     // rows of training
	Events  []Event // in the evaluation part, by row
}

// Rows is the number of rows.
func (d *Data) Rows() int { return len(d.Columns[0]) }

// Time is the Unix time of row i.
func (d *Data) Time(i int) int64 { return d.Start + int64(i)*d.Step }

// Part is rows [a, b) of the columns (sharing them).
func (d *Data) Part(a, b int) [][]float64 {
	out := make([][]float64, len(d.Columns))
	for j, c := range d.Columns {
		out[j] = c[a:b:b]
	}
	return out
}

// ou is an Ornstein–Uhlenbeck process sampled every dt seconds with time
// constant tau and stationary spread sd.
type ou struct {
	a, b, x float64
}

func newOU(rng *rand.Rand, dt, tau, sd float64) *ou {
	a := math.Exp(-dt / tau)
	return &ou{a: a, b: sd * math.Sqrt(1-a*a), x: sd * rng.NormFloat64()}
}

func (o *ou) next(rng *rand.Rand) float64 {
	o.x = o.a*o.x + o.b*rng.NormFloat64()
	return o.x
}

// Generate builds the benchmark of cfg: the same cfg gives the same data.
func Generate(cfg Config) *Data {
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	n := cfg.Days * 86400 / int(cfg.Step)
	train := cfg.TrainDays * 86400 / int(cfg.Step)
	p := cfg.Components * cfg.SensorsPerComponent
	dt := float64(cfg.Step)
	start := int64(1767225600) // 2026-01-01T00:00:00Z
	const w = 2 * math.Pi / 86400

	type sensor struct{ load, amb, comp, noise, base, scale float64 }
	sens := make([]sensor, p)
	names := make([]string, p)
	for j := range p {
		c := j / cfg.SensorsPerComponent
		names[j] = "component" + string(rune('A'+c)) + `\sensor` + string(rune('0'+j%cfg.SensorsPerComponent/10)) + string(rune('0'+j%cfg.SensorsPerComponent%10))
		s := sensor{
			load:  (0.5 + rng.Float64()) * sign(rng),
			amb:   1.6*rng.Float64() - 0.8,
			comp:  0.5 + 0.7*rng.Float64(),
			base:  10 + 90*rng.Float64(),
			scale: 1 + 9*rng.Float64(),
		}
		spread := math.Sqrt(s.load*s.load*(0.5+0.08+0.16) + s.amb*s.amb*(0.5+0.25) + s.comp*s.comp*0.36)
		s.noise = (0.15 + 0.2*rng.Float64()) * spread
		sens[j] = s
	}
	phi, phi2, psi := 2*math.Pi*rng.Float64(), 2*math.Pi*rng.Float64(), 2*math.Pi*rng.Float64()
	load := newOU(rng, dt, 86400, 0.4)
	amb := newOU(rng, dt, 3*86400, 0.5)
	comp := make([]*ou, cfg.Components)
	for c := range comp {
		comp[c] = newOU(rng, dt, 3*3600, 0.6)
	}
	noise := make([]float64, p)
	cols := make([][]float64, p)
	for j := range cols {
		cols[j] = make([]float64, n)
	}
	for i := range n {
		t := float64(start + int64(i)*cfg.Step)
		l := math.Sin(w*t+phi) + 0.4*math.Sin(2*w*t+phi2) + load.next(rng)
		a := math.Sin(w*t+psi) + amb.next(rng)
		cs := make([]float64, cfg.Components)
		for c := range cs {
			cs[c] = comp[c].next(rng)
		}
		for j, s := range sens {
			noise[j] = 0.3*noise[j] + math.Sqrt(1-0.09)*s.noise*rng.NormFloat64()
			v := s.load*l + s.amb*a + s.comp*cs[j/cfg.SensorsPerComponent] + noise[j]
			cols[j][i] = s.base + s.scale*v
		}
	}
	// Values are written with two decimals; the training statistics of the
	// injections are those of the written values.
	for j := range p {
		for i, v := range cols[j] {
			cols[j][i] = math.Round(v*100) / 100
		}
	}
	// Training statistics of each sensor, for the injections.
	sd := make([]float64, p)
	med, p1, p99 := make([]float64, p), make([]float64, p), make([]float64, p)
	for j := range p {
		tr := slices.Clone(cols[j][:train])
		var mean float64
		for _, v := range tr {
			mean += v
		}
		mean /= float64(len(tr))
		for _, v := range tr {
			sd[j] += (v - mean) * (v - mean)
		}
		sd[j] = math.Sqrt(sd[j] / float64(len(tr)))
		slices.Sort(tr)
		med[j], p1[j], p99[j] = tr[len(tr)/2], Percentile(tr, 1), Percentile(tr, 99)
	}
	// Events: one per slot of the evaluation part, kinds in a shuffled order.
	kinds := make([]Kind, 0, int(NumKinds)*cfg.EventsPerKind)
	for k := range NumKinds {
		for range cfg.EventsPerKind {
			kinds = append(kinds, k)
		}
	}
	rng.Shuffle(len(kinds), func(a, b int) { kinds[a], kinds[b] = kinds[b], kinds[a] })
	rowsOf := func(d float64) int { return int(d / dt) }
	slot := (n - train) / max(len(kinds), 1)
	guard := rowsOf(86400)
	events := make([]Event, len(kinds))
	protect := make([][]bool, p) // rows of an event's sensor that must not go missing
	for j := range protect {
		protect[j] = make([]bool, n)
	}
	for e, k := range kinds {
		rows := map[Kind]int{Spike: 1, Drift: rowsOf(2 * 86400), Stuck: rowsOf(6 * 3600), Relation: rowsOf(12 * 3600)}[k]
		lo := train + e*slot + rowsOf(12*3600)
		room := slot - rowsOf(12*3600) - rows - guard
		row := lo + rng.IntN(max(room, 1))
		j := rng.IntN(p)
		events[e] = Event{Kind: k, Sensor: j, Row: row, Rows: rows}
		sg := sign(rng)
		c := cols[j]
		for r := row - 1; r < row+rows; r++ {
			protect[j][r] = true
		}
		for r := row; r < row+rows; r++ {
			switch k {
			case Spike:
				c[r] += sg * 4 * sd[j]
			case Drift:
				c[r] += sg * 3 * sd[j] * float64(r-row+1) / float64(rows)
			case Stuck:
				c[r] = c[row-1]
			case Relation:
				c[r] = min(max(2*med[j]-c[r], p1[j]), p99[j])
			}
		}
	}
	// Rounding (a mirrored value clipped to two-decimal bounds stays
	// within them), then gaps.
	for j := range p {
		for i, v := range cols[j] {
			cols[j][i] = math.Round(v*100) / 100
		}
	}
	for i := 0; i < n; i++ {
		for c := range cfg.Components {
			if rng.IntN(2*86400/int(cfg.Step)) == 0 {
				length := 1 + rng.IntN(6)
				for r := i; r < min(i+length, n); r++ {
					for j := c * cfg.SensorsPerComponent; j < (c+1)*cfg.SensorsPerComponent; j++ {
						if !protect[j][r] {
							cols[j][r] = math.NaN()
						}
					}
				}
			}
		}
		for j := range p {
			if rng.IntN(500) == 0 && !protect[j][i] {
				cols[j][i] = math.NaN()
			}
		}
	}
	return &Data{
		Config:  cfg,
		Start:   start,
		Step:    cfg.Step,
		Sensors: names,
		Columns: cols,
		Train:   train,
		Events:  events,
	}
}

// Percentile is the k-th percentile of sorted, the order statistic at
// k/100 of the way (the lower one): the bound the relation anomaly keeps
// its sensor within.
func Percentile(sorted []float64, k int) float64 {
	return sorted[(len(sorted)-1)*k/100]
}

func sign(rng *rand.Rand) float64 {
	if rng.IntN(2) == 0 {
		return -1
	}
	return 1
}
