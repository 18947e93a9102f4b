#!/usr/bin/env bash
# Makes themes/default/fonts/card-font.ttf, the font social cards are drawn with:
# NanumGothic Bold (SIL OFL 1.1, Debian's fonts-nanum) cut down to what a card needs:
# printable Latin (Basic Latin, Latin-1, Latin Extended-A), common punctuation, and the
# 2,350 Hangul syllables of KS X 1001. The build never runs this; run it by hand to remake
# the font, with fonttools (pip install fonttools: pyftsubset and its Python module).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../themes/default/fonts"
source_font="${1:-/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf}"
# The KS X 1001 syllables are exactly the precomposed syllables EUC-KR can encode.
hangul="$(python3 -c '
print(",".join("U+%04X" % c for c in range(0xAC00, 0xD7A4)
               if len(chr(c).encode("euc-kr", "ignore")) == 2))')"
latin="U+0020-007E,U+00A0-017F"
punctuation="U+2010-2027,U+2030-203A,U+20A9,U+20AC,U+2122,U+3000-3003,U+3008-3011"
pyftsubset "$source_font" \
  --unicodes="$latin,$punctuation,$hangul" \
  --layout-features='kern,liga' \
  --no-hinting --desubroutinize \
  --name-IDs='0,13,14' --drop-tables+=DSIG \
  --output-file="$out/card-font.ttf"
# The OFL reserves the name "NanumGothic" for the original: a subset is a modified version
# and must be renamed.
python3 - "$out/card-font.ttf" <<'PY'
import sys
from fontTools.ttLib import TTFont
path = sys.argv[1]
font = TTFont(path)
names = {1: "Flashpoint Card", 2: "Bold", 3: "Flashpoint Card Bold subset",
         4: "Flashpoint Card Bold", 6: "FlashpointCard-Bold", 16: "Flashpoint Card", 17: "Bold"}
table = font["name"]
table.names = [n for n in table.names if n.nameID not in names]
for name_id, text in names.items():
    table.setName(text, name_id, 3, 1, 0x409)
font.save(path)
PY
echo "wrote $out/card-font.ttf ($(stat -c %s "$out/card-font.ttf") bytes)"
