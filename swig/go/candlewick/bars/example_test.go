package bars_test

import (
	"fmt"

	"github.com/candlewick/candlewick/swig/go/candlewick/bars"
)

func ExampleFromTicks() {
	minute, err := bars.FromTicks(bars.Ticks{
		Time:  []int64{0, 10, 59, 60, 185},
		Price: []float64{10, 12, 9, 11, 13},
		Size:  []float64{1, 2, 3, 4, 5},
	}, bars.Options{Method: bars.Time, Interval: 60})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := 0; i < minute.Len(); i++ {
		fmt.Println(minute.Time[i], minute.Open[i], minute.High[i], minute.Low[i], minute.Close[i], minute.Volume[i])
	}
	// Output:
	// 0 10 12 9 9 6
	// 60 11 11 11 11 4
	// 180 13 13 13 13 5
}
