//go:build !linux

package main

// boundCHeap tunes glibc's malloc (malloc_linux.go); elsewhere the C
// library's defaults stand.
func boundCHeap() {}
