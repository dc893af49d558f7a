# Proposes tests/peer/time_disagreements.json from the failures the harness
# prints (TIME_PEER_VERBOSE=1 cargo test --test integration times -- --nocapture
# 2>&1 | grep ^FAIL | python3 tests/peer/time_disagreements.py), classifying a
# failure as a disagreement only when it matches one of the stated news-reading
# conventions (past year, last weekday, Monday-first weeks, clock as written).
# Review the output by hand before committing it.
import json,re,sys,datetime as D
def load(f): 
    d={}
    for c in json.load(open(f)):
        d.setdefault(c['text'],c)
    return d
suites={'duckling':load('tests/peer/duckling_ar_time.json'),'maha':load('tests/peer/maha_ar_time.json')}
def P(s): return D.datetime.fromisoformat(s) if 'T' in s else D.datetime.fromisoformat(s+'T00:00:00')
out=[]
R_YEAR="news reading: a day or month named without a year is its nearest past occurrence (the current one included) unless the sentence speaks of the future; the peer picks the next one"
R_WD="news reading: a bare weekday is the last such day on or before the document date; the peer picks the next one"
R_THISWD="`هذا الاثنين` is read as the Monday of the current (Monday-first) week; the peer picks the next Monday"
R_CLOCK="a clock hour with no morning/evening word is kept as written (03:00); the peer picks the next 3 o'clock after its reference time (15:00)"
R_WEEK="weeks run Monday to Sunday here (ISO 8601); the peer's weeks start on Sunday"
MANUAL={
 ("duckling","2/2013"): "M/YYYY names a month (month precision); the peer returns its first day at day grain",
 ("duckling","الخميس الساعة 8 بتوقيت GMT"): "news reading: the bare weekday is the last Thursday; a GMT time is reported as written with gmt=true, not converted to the reader's zone (the peer converts to its UTC-2 reference zone)",
 ("duckling","الخميس الساعة 8 بتوقيت gmt"): "news reading: the bare weekday is the last Thursday; a GMT time is reported as written with gmt=true, not converted to the reader's zone (the peer converts to its UTC-2 reference zone)",
 ("duckling","حتى الساعة 2:00"): "`حتى X` is open at the start (no invented start); 2:00 is kept as written; the peer starts at its reference time and moves 2:00 to 14:00",
}
def unesc(s):
    s=re.sub(r'\\u\{([0-9a-f]+)\}',lambda m:chr(int(m.group(1),16)),s)
    return s.replace('\\"','"').replace('\\\\','\\')
for line in sys.stdin:
    m=re.match(r'FAIL (\w+): "(.*)" -> (\S*)\.\.(\S*) ',line)
    if not m: continue
    suite,text,f,t=m.groups()
    text=unesc(text)
    c=suites.get(suite,{}).get(text)
    if c and (suite,text) in MANUAL:
        e=c['expected']
        out.append({"suite":suite,"text":text,"ours":f,"peer":(e.get('value') or e.get('from')),"reason":MANUAL[(suite,text)]})
        continue
    if not c or not f or not t: continue
    e=c['expected']
    if e.get('kind') not in ('instant','interval'): continue
    exp=P(e.get('value') or e.get('from'))
    ref=P(c['reference'])
    f,t=P(f),P(t)
    tend=t+D.timedelta(hours=23,minutes=59,seconds=59) if len(m.group(4))==10 else t+D.timedelta(seconds=59)
    def within(df): return f+df<=exp<=tend+df
    def yshift(x,n):
        try: return x.replace(year=x.year+n)
        except ValueError: return None
    reason=None
    if sum(1 for x in json.load(open('tests/peer/%s_ar_time.json'%suite)) if x['text']==text)>1:
        continue
    fy,ty=yshift(f,1),yshift(tend,1)
    if suite=='maha' and any(w in text for w in ('سبوع','اسابيع','أسابيع')) and abs((f-exp).days)<=7:
        reason=R_WEEK
    elif f<=ref<exp and 330<=(exp-f).days<=400:
        # The same feast, nth weekday or month, one year on.
        reason=R_YEAR
    elif fy and ty and fy<=exp<=ty and f<=ref:
        reason=R_YEAR
        if any(w in text for w in ('الماضي','المنصرم','الفائت')):
            reason="a month name with `الماضي` means the last such month before the current one; the peer returns the current month"
    elif within(D.timedelta(days=7)) and f.date()<=ref.date() and (tend-f).days<1:
        reason=R_THISWD if 'هذا' in text else R_WD
    elif suite=='duckling' and within(D.timedelta(hours=12)) and 'الساعة' in text:
        reason=R_CLOCK
    elif suite=='maha' and exp.weekday()==6 and abs((f-exp).days)<=7 and any(w in text for w in ('سبوع','اسابيع','أسابيع')):
        reason=R_WEEK
    reason=MANUAL.get((suite,text),reason)
    if reason:
        out.append({"suite":suite,"text":text,"ours":m.group(3),"peer":(e.get('value') or e.get('from')),"reason":reason})
seen=set(); uniq=[]
for o in out:
    k=(o['suite'],o['text'])
    if k in seen: continue
    seen.add(k); uniq.append(o)
json.dump(uniq,open('tests/peer/time_disagreements.json','w'),ensure_ascii=False,indent=1)
