package lookout_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

func ExampleParseTimestamp() {
	for _, s := range []string{"1700000000", "1700000000.123456789999", "1.7e9", "-1.5", "1e999999", "01"} {
		ts, err := lookout.ParseTimestamp(s)
		if err != nil {
			fmt.Println(err, errors.Is(err, lookout.ErrTimestampRange))
			continue
		}
		fmt.Println(ts)
	}
	// Output:
	// 2023-11-14T22:13:20Z
	// 2023-11-14T22:13:20.123456789Z
	// 2023-11-14T22:13:20Z
	// 1969-12-31T23:59:58.5Z
	// lookout: timestamp "1e999999": outside the years 0001 to 9999 true
	// lookout: timestamp "01": not a JSON number: leading zero false
}

func ExampleTimestamp_MarshalJSON() {
	type job struct {
		CreatedAt lookout.Timestamp  `json:"CreatedAt"`
		EndTime   *lookout.Timestamp `json:"EndTime,omitempty"`
	}
	b, err := json.Marshal(job{CreatedAt: lookout.TimestampOf(time.Date(2023, 11, 14, 22, 13, 20, 250e6, time.UTC))})
	fmt.Println(string(b), err)

	var j job
	err = json.Unmarshal([]byte(`{"CreatedAt":1700000000,"EndTime":1700086400.5}`), &j)
	fmt.Println(j.CreatedAt, j.EndTime, err)

	_, err = json.Marshal(job{CreatedAt: lookout.TimestampOf(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))})
	fmt.Println(errors.Is(err, lookout.ErrTimestampRange))
	// Output:
	// {"CreatedAt":1700000000.25} <nil>
	// 2023-11-14T22:13:20Z 2023-11-15T22:13:20.5Z <nil>
	// true
}

func ExampleTimestamp_AppendJSON() {
	ts := lookout.UnixTimestamp(-2, 500000000) // 1.5 s before the epoch
	b, err := ts.AppendJSON([]byte(`{"T":`))
	fmt.Println(string(b)+"}", err, ts.Unix(), ts.Nanosecond())
	// Output:
	// {"T":-1.5} <nil> -2 500000000
}

func ExampleTimestamp_Compare() {
	a, _ := lookout.ParseTimestamp("1700000000.5")
	b := lookout.TimestampOf(time.Unix(1700000001, 0))
	fmt.Println(a.Compare(b), b.Compare(a), a.Compare(a), a.InRange())
	// Output:
	// -1 1 0 true
}
