module github.com/candlewick/candlewick/swig/go

go 1.24
