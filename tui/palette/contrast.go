package palette

import (
	"image/color"
	"math"
)

// Luminance is the relative luminance of c by WCAG 2.x: sRGB channels linearized
// (the 0.04045 threshold of the sRGB standard) and weighted 0.2126, 0.7152, 0.0722.
func Luminance(c color.Color) float64 {
	r, g, b := rgb(c)
	return 0.2126*linear(r) + 0.7152*linear(g) + 0.0722*linear(b)
}

// Contrast is the WCAG 2.x contrast ratio of two colours, from 1 to 21; text needs
// 4.5 (level AA).
func Contrast(a, b color.Color) float64 {
	la, lb := Luminance(a), Luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Distance is the CIE76 colour difference (ΔE*ab) of two colours: about 2.3 is the
// smallest difference people notice side by side; words apart on a screen need far more.
func Distance(a, b color.Color) float64 {
	l1, a1, b1 := lab(a)
	l2, a2, b2 := lab(b)
	return math.Sqrt((l1-l2)*(l1-l2) + (a1-a2)*(a1-a2) + (b1-b2)*(b1-b2))
}

func rgb(c color.Color) (r, g, b float64) {
	cr, cg, cb, _ := c.RGBA()
	return float64(cr) / 0xffff, float64(cg) / 0xffff, float64(cb) / 0xffff
}

func linear(v float64) float64 {
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

// lab converts sRGB to CIE L*a*b* under the D65 white point.
func lab(c color.Color) (l, a, b float64) {
	r, g, bl := rgb(c)
	r, g, bl = linear(r), linear(g), linear(bl)
	x := (0.4124*r + 0.3576*g + 0.1805*bl) / 0.95047
	y := 0.2126*r + 0.7152*g + 0.0722*bl
	z := (0.0193*r + 0.1192*g + 0.9505*bl) / 1.08883
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	fx, fy, fz := f(x), f(y), f(z)
	return 116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)
}
