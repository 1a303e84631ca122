# Generates unicodenames.z, the Unicode character name table used to decode
# \N{NAME} escapes (Go's standard library has no such table). Run through
# "go generate" with the python3 whose behaviour the parser follows.
#
# Format (before zlib compression): one line per named code point, in code
# point order: the distance from the previous code point in lower-case hex,
# a ';', and the name. CJK unified ideographs and Hangul syllables are left
# out: their names are computed (see unicodenames.go); the CJK ranges are
# listed first, one "C;first;last" line each. The name aliases of
# NameAliases.txt are not included (unicodedata cannot list them).
import unicodedata, zlib, sys

lines = []
cjk = []
prev = 0
run = None
for cp in range(0x110000):
    name = unicodedata.name(chr(cp), None)
    if name is not None and name.startswith("CJK UNIFIED IDEOGRAPH-"):
        if run and run[1] == cp - 1:
            run[1] = cp
        else:
            run = [cp, cp]
            cjk.append(run)
        continue
    if name is None or name.startswith("HANGUL SYLLABLE "):
        continue
    lines.append("%x;%s" % (cp - prev, name))
    prev = cp
head = ["C;%x;%x" % (a, b) for a, b in cjk]
data = ("\n".join(head + lines) + "\n").encode("ascii")
out = sys.argv[1] if len(sys.argv) > 1 else "unicodenames.z"
with open(out, "wb") as f:
    f.write(zlib.compress(data, 9))
print("unicode", unicodedata.unidata_version, len(lines), "names,", len(cjk), "CJK ranges")
