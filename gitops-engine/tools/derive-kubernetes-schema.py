#!/usr/bin/env python3
"""Derives the built-in kinds' schema table (kubernetes-schema.txt) from the Go API types of
github.com/kubernetes/api (Apache-2.0): the same markers (+listType, +listMapKey, +patchStrategy,
+patchMergeKey, +mapType, +structType) and json tags from which Kubernetes generates its OpenAPI
(x-kubernetes-list-type, x-kubernetes-list-map-keys, x-kubernetes-patch-merge-key), plus what the OpenAPI
leaves out and the API server's serialisation depends on: omitempty and pointer fields.

Usage: derive-kubernetes-schema.py <checkout of kubernetes/api> <commit> > kubernetes-schema.txt

Lists are typed as kube-openapi's schemaconv types them for server-side apply: +listType wins; else
patchStrategy=merge makes an associative list keyed by patchMergeKey (a set without one); else atomic.
Alpha versions are left out. metav1 types (ObjectMeta, LabelSelector, ...) live in kubernetes/apimachinery
and are written by hand at the end, from the same markers there.
"""
import os
import re
import sys

ROOT, COMMIT = sys.argv[1], sys.argv[2]
FIELD = re.compile(r"^\s*(?:(\w+)\s+)?([\w\.\*\[\]]+)\s*`(.*)`")
TYPE_DECL = re.compile(r'^type (\w+) (.+?)\s*(//.*)?$')

packages = {}  # "apps/v1" -> {group, structs: {name: [fields]}, named: {name: underlying}, roots: {name: namespaced}}


def parse_package(rel):
    group = None
    structs, named, roots = {}, {}, {}
    for f in sorted(os.listdir(os.path.join(ROOT, rel))):
        if not f.endswith('.go') or f.endswith('_test.go') or 'generated' in f:
            continue
        lines = open(os.path.join(ROOT, rel, f)).read().split('\n')
        markers = []
        i = 0
        while i < len(lines):
            line = lines[i]
            m = re.search(r'const GroupName\s*=\s*"([^"]*)"', line)
            if m:
                group = m.group(1)
            if line.startswith('//'):
                markers.append(line)
            elif line.startswith('type ') and line.rstrip().endswith('struct {'):
                name = line.split()[1]
                top = markers
                fields = []
                field_markers = []
                i += 1
                depth = 1
                while depth > 0:
                    l = lines[i]
                    s = l.strip()
                    if s.endswith('{') and not s.startswith('//'):
                        depth += 1
                    if s.startswith('}'):
                        depth -= 1
                        i += 1
                        continue
                    if depth == 1:
                        if s.startswith('//'):
                            field_markers.append(s)
                        else:
                            fm = FIELD.match(l)
                            if fm:
                                fields.append((fm.group(1), fm.group(2), fm.group(3), field_markers))
                            field_markers = []
                    i += 1
                structs[name] = (fields, top)
                if any('metav1.ObjectMeta' == f[1] or 'ObjectMeta' == f[1] for f in fields) and any(
                        t[1] == 'metav1.TypeMeta' for t in fields):
                    roots[name] = not any('+genclient:nonNamespaced' in t for t in top)
                markers = []
                continue
            else:
                m = TYPE_DECL.match(line)
                if m and not m.group(2).startswith('struct'):
                    named[m.group(1)] = m.group(2).strip()
                if line.strip() != '':
                    markers = []
            i += 1
    return group, structs, named, roots


for dirpath, dirs, files in os.walk(ROOT):
    rel = os.path.relpath(dirpath, ROOT)
    if rel.count('/') == 1 and 'types.go' in files and 'alpha' not in rel.split('/')[1]:
        g, s, n, r = parse_package(rel)
        if g is not None:
            packages[rel] = {'group': g, 'structs': s, 'named': n, 'roots': r}


def tag(raw):
    m = re.search(r'json:"([^"]*)"', raw)
    if not m:
        return None, False, False
    parts = m.group(1).split(',')
    return parts[0], 'omitempty' in parts, 'inline' in parts


def marker(markers, key):
    vals = [m.split('=', 1)[1] for m in (x.lstrip('/ ').strip() for x in markers) if m.startswith('+' + key + '=')]
    return vals


SCALARS = {'string': 's', 'bool': 'b', 'int': 'i', 'int32': 'i', 'int64': 'i', 'uint32': 'i', 'uint64': 'i',
           'float64': 'n', 'float32': 'n', 'byte': 'i'}
WELL_KNOWN = {'resource.Quantity': 'q', 'intstr.IntOrString': 'x', 'metav1.Time': 's', 'metav1.MicroTime': 's',
              'metav1.Duration': 's', 'runtime.RawExtension': 'r', 'types.UID': 's', 'metav1.ObjectMeta': '@meta/ObjectMeta',
              'metav1.LabelSelector': '@meta/LabelSelector', 'metav1.Condition': '@meta/Condition',
              'apiextensionsv1.JSON': 'r', 'metav1.FieldsV1': 'r', 'metav1.TypeMeta': None}


def type_of(pkg, go):
    """Type expression: s b i n q x r, @pkg/Struct, [<list> ..., {<elem>."""
    go = go.lstrip('*')
    if go == '[]byte':
        return 's'
    if go.startswith('[]'):
        return ('list', type_of(pkg, go[2:]))
    if go.startswith('map['):
        depth, j = 0, 3
        while True:
            if go[j] == '[':
                depth += 1
            elif go[j] == ']':
                depth -= 1
                if depth == 0:
                    break
            j += 1
        return ('map', type_of(pkg, go[j + 1:]))
    if go in SCALARS:
        return SCALARS[go]
    if go in WELL_KNOWN:
        return WELL_KNOWN[go]
    if '.' in go:
        alias, name = go.split('.', 1)
        for rel in packages:  # corev1.X, v1.X
            if rel.replace('/', '') == alias or (alias == 'v1' and rel == 'core/v1') or \
                    (alias in ('corev1', 'apiv1') and rel == 'core/v1') or (alias == 'metav1' and False):
                return type_of(rel, name) if rel != pkg else type_of(pkg, name)
        return 'r'
    p = packages[pkg]
    if go in p['structs']:
        return '@' + pkg + '/' + go
    if go in p['named']:
        return type_of(pkg, p['named'][go])
    return 'r'


def render(t):
    if isinstance(t, tuple):
        return ('[' if t[0] == 'list' else '{') + render(t[1])
    return t


out = []
seen_structs = set()
queue = []


def list_kind(markers, elem):
    lt = marker(markers, 'listType')
    keys = marker(markers, 'listMapKey')
    if lt:
        if lt[0] == 'map':
            return 'm:' + ','.join(keys)
        return {'set': 's', 'atomic': 'a'}[lt[0]]
    if marker(markers, 'patchStrategy') and 'merge' in marker(markers, 'patchStrategy')[0]:
        key = marker(markers, 'patchMergeKey')
        return 'm:' + key[0] if key else 's'
    return 'a'


def emit_struct(ref):
    if ref in seen_structs:
        return
    seen_structs.add(ref)
    pkg, name = ref[1:].rsplit('/', 1)
    fields, top = packages[pkg]['structs'][name]
    lines = []
    collect(pkg, fields, lines)
    atomic = 'a' if marker(top, 'structType') == ['atomic'] else ''
    out.append('= ' + ref[1:] + (' ' + atomic if atomic else ''))
    out.extend(lines)


def collect(pkg, fields, lines):
    for fname, gotype, raw, markers in fields:
        json_name, omit, inline = tag(raw)
        if json_name is None or json_name == '-':
            continue
        if fname is None and (inline or json_name == ''):
            t = type_of(pkg, gotype)
            if isinstance(t, str) and t.startswith('@') and not t.startswith('@meta/'):
                ipkg, iname = t[1:].rsplit('/', 1)
                collect(ipkg, packages[ipkg]['structs'][iname][0], lines)
            continue
        if fname is None:
            fname = gotype
        t = type_of(pkg, gotype)
        if t is None:
            continue
        flags = ('o' if omit else '-') + ('p' if gotype.startswith('*') else '-')
        listinfo = ''
        if isinstance(t, tuple) and t[0] == 'list':
            listinfo = ' ' + list_kind(markers, t[1])
        elif isinstance(t, tuple) and marker(markers, 'mapType') == ['atomic']:
            listinfo = ' a'
        lines.append('\t'.join([json_name, flags, render(t) + listinfo]))
        for part in re.findall(r'@[\w/]+', render(t)):
            if not part.startswith('@meta/'):
                queue.append(part)


kinds = []
for rel in sorted(packages):
    p = packages[rel]
    for name in sorted(p['roots']):
        if name.endswith('List'):
            continue
        kinds.append('K %s %s %s %s %s' % (p['group'] or '-', rel.split('/')[1], name,
                                          'n' if p['roots'][name] else 'c', rel + '/' + name))
        queue.append('@' + rel + '/' + name)
while queue:
    emit_struct(queue.pop(0))

print('# Built-in Kubernetes kinds as server-side apply sees them; derived by gitops-engine/tools/'
      'derive-kubernetes-schema.py')
print('# from github.com/kubernetes/api at %s (Copyright The Kubernetes Authors, Apache License 2.0,' % COMMIT)
print('# http://www.apache.org/licenses/LICENSE-2.0). Format: docs/kubernetes-target.md, "How the diff decides".')
for k in kinds:
    print(k)
for line in out:
    print(line)
print(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'kubernetes-meta-schema.txt')).read().rstrip())
