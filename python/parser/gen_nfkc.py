# Generates nfkc.z, the tables used to normalise identifiers to NFKC as
# CPython does (PEP 3131). Run through "go generate" with the python3
# whose behaviour the parser follows.
#
# Format (before zlib compression), one entry a line, hex code points:
#   "M;cp;x y z"  the NFKC form of the identifier character cp alone
#   "C;a;b;c"     canonical composition: a followed by b composes to c
import unicodedata, zlib, sys

lines = []
for cp in range(0x80, 0x110000):
    c = chr(cp)
    if not ("a" + c).isidentifier():
        continue
    k = unicodedata.normalize("NFKC", c)
    if k != c:
        lines.append("M;%x;%s" % (cp, " ".join("%x" % ord(x) for x in k)))
for cp in range(0x110000):
    d = unicodedata.decomposition(chr(cp))
    if not d or d.startswith("<"):
        continue
    parts = d.split()
    if len(parts) != 2:
        continue
    a, b = chr(int(parts[0], 16)), chr(int(parts[1], 16))
    if unicodedata.normalize("NFC", a + b) == chr(cp):
        lines.append("C;%x;%x;%x" % (ord(a), ord(b), cp))
data = ("\n".join(lines) + "\n").encode("ascii")
out = sys.argv[1] if len(sys.argv) > 1 else "nfkc.z"
with open(out, "wb") as f:
    f.write(zlib.compress(data, 9))
print(len(lines), "entries")
