//go:build race

package tui

// raceDetector is true in a -race build, where the random walk drives fewer keys: the
// race run looks for data races, the plain run carries the scale.
const raceDetector = true
