#!/bin/sh
# Makes the Windows-1252 faces of DejaVu Sans that letters in Swedish and
# the other western European languages are set in (internal/letter): the
# glyphs Windows-1252 can name, cut out with pyftsubset (Debian's
# fonttools), then made into gofpdf simple fonts (.json metrics and .z
# font file) by gofpdf's own makefont. A simple font is embedded as it is,
# where a Unicode TrueType font is parsed and subset for every document.
set -eu
cd "$(dirname "$0")"
U="U+0020-007E,U+00A0-00FF,U+0152-0153,U+0160-0161,U+0178,U+017D-017E,U+0192,U+02C6,U+02DC,U+2013-2014,U+2018-201A,U+201C-201E,U+2020-2022,U+2026,U+2030,U+2039-203A,U+20AC,U+2122"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in DejaVuSans DejaVuSans-Bold; do
	pyftsubset "$f.ttf" --unicodes="$U" --output-file="$tmp/$f-1252.ttf" --no-hinting --layout-features='' --notdef-outline
done
gofpdf=$(go list -m -f '{{.Dir}}' github.com/jung-kurt/gofpdf)
go run github.com/jung-kurt/gofpdf/makefont --embed --enc="$gofpdf/font/cp1252.map" --dst=. "$tmp/DejaVuSans-1252.ttf" "$tmp/DejaVuSans-Bold-1252.ttf"
