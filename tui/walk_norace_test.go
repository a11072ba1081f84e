//go:build !race

package tui

// raceDetector is true in a -race build (see walk_race_test.go).
const raceDetector = false
