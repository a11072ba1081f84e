// Package agree computes inter-annotator agreement: Krippendorff's α
// (nominal, interval, unitizing), Cohen's κ, Scott's π, Fleiss' κ, percent
// agreement and pairwise span F1. It is pure: values in, numbers out, no I/O.
//
// A measure that is undefined for its data (one category only, no unit
// coded twice, no spans at all) is a Measure with Defined false and the
// reason; it is never reported as a made-up 0 or 1.
package agree
