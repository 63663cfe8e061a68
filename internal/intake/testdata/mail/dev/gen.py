import sys, random, os, hashlib
sys.path.insert(0, '/tmp/z10')
from items_sv import SV
from items_other import OTHER
from email.header import Header
from email.utils import formataddr, format_datetime
from datetime import datetime, timezone, timedelta

items = SV + OTHER
assert len(items) == 100
rnd = random.Random(20261210)
rnd.shuffle(items)
out = '/work/main/internal/intake/testdata/mail/dev'
labels = []
slugs = set()
for i, (slug, expect, lang, cls, src, name, addr, subj, body) in enumerate(items, 1):
    assert slug not in slugs; slugs.add(slug)
    fn = f"z10-{i:03d}-{slug}.eml"
    month = rnd.randint(1, 11); day = rnd.randint(1, 28)
    hour = rnd.randint(6, 23); minute = rnd.randint(0, 59)
    summer = 4 <= month <= 10
    off = {'fi': 3 if summer else 2}.get(lang, 2 if summer else 1)
    dt = datetime(2026, month, day, hour, minute, 0, tzinfo=timezone(timedelta(hours=off)))
    dom = addr.split('@')[1]
    h = hashlib.sha1(fn.encode()).hexdigest()
    mid = f"<{h[:16]}.{h[16:24]}@{dom}>"
    frm = formataddr((name, addr), charset='utf-8') if name else addr
    if subj.isascii():
        s = subj
    else:
        s = Header(subj, 'utf-8').encode(linesep='\n')
    ascii_body = body.isascii()
    if ascii_body and i % 3 == 0:
        ct, cte = 'text/plain; charset="us-ascii"', '7bit'
    else:
        ct, cte = 'text/plain; charset="utf-8"', '8bit'
    hdr = [f"From: {frm}", "To: kundservice@harmoniq.se", f"Subject: {s}",
           f"Date: {format_datetime(dt)}", f"Message-ID: {mid}", "MIME-Version: 1.0",
           f"Content-Type: {ct}", f"Content-Transfer-Encoding: {cte}"]
    text = "\n".join(hdr) + "\n\n" + body
    if not text.endswith("\n"): text += "\n"
    with open(os.path.join(out, fn), 'w', encoding='utf-8', newline='\n') as f:
        f.write(text)
    labels.append("\t".join([fn, expect, lang, cls, src]))
with open(os.path.join(out, 'labels-z10.tsv'), 'w', encoding='utf-8', newline='\n') as f:
    f.write("\n".join(labels) + "\n")
