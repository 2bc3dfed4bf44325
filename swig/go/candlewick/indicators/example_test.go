package indicators_test

import (
	"fmt"
	"math"

	"github.com/candlewick/candlewick/swig/go/candlewick/indicators"
)

func ExampleCompute() {
	close := make([]float64, 60)
	for i := range close {
		close[i] = 100 + 5*math.Sin(float64(i)/4)
	}
	out, err := indicators.Compute("bbands", [][]float64{close}, []float64{20, 2, 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	upper, middle, lower := out[0], out[1], out[2]
	fmt.Printf("%.4f %.4f %.4f\n", upper[59], middle[59], lower[59])
	fmt.Println(math.IsNaN(middle[18]), math.IsNaN(middle[19])) // lookback 19
	// Output:
	// 107.4386 99.7717 92.1049
	// true false
}

func ExampleNewStream() {
	stream, err := indicators.NewStream("sma", []float64{3})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer stream.Close()
	for _, price := range []float64{10, 11, 12, 13} {
		out, _ := stream.Push(price)
		fmt.Println(out[0])
	}
	// Output:
	// NaN
	// NaN
	// 11
	// 12
}
