package ingest

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// scalarRun is digitRun one byte at a time: the reference.
func scalarRun(line []byte, j int, mant uint64) (uint64, int) {
	for j < len(line) && line[j]-'0' < 10 {
		mant = mant*10 + uint64(line[j]-'0')
		j++
	}
	return mant, j
}

// TestDigitRun: the word-at-a-time digit run gives what the byte loop
// gives, at every start, for lines whose capacity holds bytes past their
// end (digits included) and for lines without.
func TestDigitRun(t *testing.T) {
	t.Parallel()
	cases := []string{"", "0", "12.345", "-99.999,1", "123456789012345678901234", "0000000000.1", "12345678,",
		"9/", ":9", "\x00\xff12", "1234567\xb9", "8888888888888888888888.8", "3\n4"}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("0123456789.,-/:\n\r \x80\xb0\xba")
	for range 2000 {
		b := make([]byte, r.IntN(30))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for _, c := range cases {
		for cut := 0; cut <= len(c); cut++ {
			full := []byte(c)
			line := full[:cut] // capacity past the end: the rest of c
			for j := 0; j <= cut; j++ {
				for _, m := range []uint64{0, 7, 1 << 62} {
					wm, wj := scalarRun(line, j, m)
					gm, gj := digitRun(line, j, m)
					assert.Equal(t, wj, gj, "%q[:%d] from %d", c, cut, j)
					assert.Equal(t, wm, gm, "%q[:%d] from %d", c, cut, j)
				}
			}
		}
	}
}

// TestDecimal8: the one-word decimal gives, when it answers, what the byte
// loops give: the digits' value, their number, the fraction's and the end.
func TestDecimal8(t *testing.T) {
	t.Parallel()
	cases := []string{"12.345,", "-1.5\n", "0.", ".5,", ".", "1234567.", "12345678", "1.2.3", "99.999", "7"}
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte("0123456789..,-\n\x80\xae")
	for range 3000 {
		b := make([]byte, r.IntN(20))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	answered := 0
	for _, c := range cases {
		for cut := 0; cut <= len(c); cut++ {
			line := []byte(c)[:cut]
			for j := 0; j <= cut; j++ {
				mant, nd, frac, end, ok := decimal8(line, j)
				if !ok {
					continue
				}
				answered++
				wm, we := scalarRun(line, j, 0)
				wnd, wfrac := we-j, 0
				if we < cut && line[we] == '.' {
					fs := we + 1
					wm, we = scalarRun(line, fs, wm)
					wfrac = we - fs
					wnd += wfrac
				}
				assert.Equal(t, []int{wnd, wfrac, we}, []int{nd, frac, end}, "%q[:%d] from %d", c, cut, j)
				assert.Equal(t, wm, mant, "%q[:%d] from %d", c, cut, j)
			}
		}
	}
	assert.Greater(t, answered, 10000)
}
