"""Self-check for the held-out gold files (independent of fzanalyzer).

Checks that every gold file loads, has the fields of spec/gold-format.md, uses only the allowed labels,
and that every string it quotes is a substring of its report after NFKC normalisation and removal of
whitespace and line breaks.  Run:  python3 tests/data/holdout/validate.py
"""
import json, re, sys, unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
CANON = {'preamble', 'measures_and_results', 'shortcomings', 'leadership_duty', 'next_year_plan', 'other'}
TOPICS = {'functions', 'rulemaking', 'decision_making', 'enforcement', 'emergency_response', 'dispute_resolution',
          'oversight', 'digital_government', 'capacity_building', 'leadership_organization', 'other'}
LEVELS = {'province', 'city', 'district_county', 'township', 'department'}
STATUS = {'fulfilled', 'progressed', 'not_reported', 'restated'}


def norm(s):
    return re.sub(r'\s+', '', unicodedata.normalize('NFKC', s))


def main():
    errors = []
    golds = {p.name[:-len('.gold.json')]: json.loads(p.read_text(encoding='utf-8'))
             for p in sorted(HERE.glob('*.gold.json'))}
    texts = {k: norm((HERE / g['file']).read_text(encoding='utf-8')) for k, g in golds.items()}

    def need(doc, s, what, where=None):
        where = where or doc
        if not isinstance(s, str) or not s or norm(s) not in texts[where]:
            errors.append('%s: %s not in %s: %r' % (doc, what, where, s))

    for k, g in golds.items():
        for f in ('id', 'file', 'synthetic', 'region', 'issuer', 'level', 'year_covered', 'title',
                  'sections', 'indicators', 'plans'):
            if f not in g:
                errors.append('%s: missing %s' % (k, f))
        if g['id'] != k or g['file'] != k + '.txt' or g['synthetic'] is not True:
            errors.append('%s: id/file/synthetic' % k)
        report = g.get('is_report', True)
        need(k, g['title'], 'title')
        if g['issuer']:
            need(k, g['issuer'], 'issuer')
        for f, v in g['region'].items():
            if v:
                need(k, v, 'region.' + f)
        if report:
            if g['level'] not in LEVELS:
                errors.append('%s: level %r' % (k, g['level']))
            if not isinstance(g['year_covered'], int):
                errors.append('%s: year_covered' % k)
        else:
            if g['sections'] or g['indicators'] or g['plans']:
                errors.append('%s: non-report with content' % k)
        paths = set()

        def walk(ss, path):
            for s in ss:
                lvl = s['level']
                if lvl == 1 and s.get('canonical') not in CANON:
                    errors.append('%s: canonical %r' % (k, s.get('canonical')))
                if lvl == 2 and s.get('topic') not in TOPICS:
                    errors.append('%s: topic %r' % (k, s.get('topic')))
                need(k, s['marker'] + s['title'], 'heading')
                p = path + [s['marker']]
                paths.add(tuple(p))
                walk(s.get('children', []), p)
        walk(g['sections'], [])
        for i in g['indicators']:
            need(k, i['text'], 'indicator')
            if not isinstance(i['value'], (int, float)) or not i['unit']:
                errors.append('%s: indicator value/unit %r' % (k, i))
            if i.get('change') not in (None, 'increase', 'decrease'):
                errors.append('%s: change %r' % (k, i))
            if tuple(i['section']) not in paths:
                errors.append('%s: indicator section %r' % (k, i['section']))
        ids = set()
        for p in g['plans']:
            need(k, p['text'], 'plan')
            if p['topic'] not in TOPICS:
                errors.append('%s: plan topic %r' % (k, p))
            ids.add(p['id'])
        if 'followthrough' in g:
            prev_ids = set()
            for f in g['followthrough']:
                prev = f['plan_report']
                prev_ids.add(f['plan_id'])
                if f['plan_id'] not in {p['id'] for p in golds[prev]['plans']}:
                    errors.append('%s: unknown plan %s' % (k, f['plan_id']))
                if f['status'] not in STATUS:
                    errors.append('%s: status %r' % (k, f))
                if (f['status'] == 'not_reported') != (not f['evidence']):
                    errors.append('%s: evidence vs status %r' % (k, f))
                for e in f['evidence']:
                    need(k, e, 'evidence')
                if f['status'] == 'restated' and not any(norm(e) in norm(p['text']) or norm(p['text']) in norm(e)
                                                         for e in f['evidence'] for p in g['plans']):
                    errors.append('%s: restated evidence is not one of this report\'s plans %r' % (k, f))
            if prev_ids != {p['id'] for p in golds[g['followthrough'][0]['plan_report']]['plans']}:
                errors.append('%s: followthrough does not cover every previous plan' % k)
        for r in g.get('reused_passages', []):
            need(k, r['this_text'], 'reused this_text')
            need(k, r['prev_text'], 'reused prev_text', r['from_report'])
            if len(r['this_text']) < 50:
                errors.append('%s: reused passage shorter than 50: %r' % (k, r['this_text']))
        for d in g.get('distractors', []):
            need(k, d, 'distractor')
    for e in errors:
        print(e)
    print('%d gold files, %d errors' % (len(golds), len(errors)))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
