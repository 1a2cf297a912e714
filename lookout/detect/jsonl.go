package detect

import (
	"encoding/json"
	"strconv"
)

// AppendResultLine appends r as one line of the service's results.jsonl
// (the newline included), as the service wrote it:
//
//	{"timestamp": "2021-03-11T22:25:00.000000", "prediction": 1, "prediction_reason": "ANOMALY_DETECTED", "anomaly_score": 0.72385, "diagnostics": [{"name": "pump1\\Sensor0", "value": 0.02346}, ...]}
//
// r is written rounded (Result.Round): the rules hold for the written
// values. sensors names the shares, in the model's order (Model.Sensors);
// every sensor is listed.
func AppendResultLine(dst []byte, r Result, sensors []string) []byte {
	w := r.Round()
	dst = append(dst, `{"timestamp": "`...)
	dst = append(dst, FormatTime(w.Time)...)
	if w.Prediction == 1 {
		dst = append(dst, `", "prediction": 1, "prediction_reason": "ANOMALY_DETECTED", "anomaly_score": `...)
	} else {
		dst = append(dst, `", "prediction": 0, "prediction_reason": "NO_ANOMALY_DETECTED", "anomaly_score": `...)
	}
	dst = strconv.AppendFloat(dst, w.Score, 'f', -1, 64)
	dst = append(dst, `, "diagnostics": [`...)
	for j, v := range w.Shares {
		if j > 0 {
			dst = append(dst, ", "...)
		}
		dst = append(dst, `{"name": `...)
		dst = appendJSONString(dst, sensors[j])
		dst = append(dst, `, "value": `...)
		dst = strconv.AppendFloat(dst, v, 'f', -1, 64)
		dst = append(dst, '}')
	}
	return append(dst, "]}\n"...)
}

// AppendOffLine appends the results.jsonl line of a time t (Unix seconds)
// where the machine is off: prediction 0, MACHINE_OFF, no score and no
// diagnostics.
func AppendOffLine(dst []byte, t int64) []byte {
	dst = append(dst, `{"timestamp": "`...)
	dst = append(dst, FormatTime(t)...)
	return append(dst, `", "prediction": 0, "prediction_reason": "MACHINE_OFF"}`+"\n"...)
}

func appendJSONString(dst []byte, s string) []byte {
	b, _ := json.Marshal(s) // a string always marshals
	return append(dst, b...)
}
