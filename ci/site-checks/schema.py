# Validates the example site's YAML (drafts and released versions) against
# the JSON Schemas that editors use, so the schemas never reject a valid file
# or drift from what charta reads. Run from the repository root.
import glob, json, sys

import jsonschema
import yaml


# Dates stay strings, as charta reads them.
class L(yaml.SafeLoader):
    pass


L.yaml_implicit_resolvers = {k: [(t, r) for t, r in v if t != 'tag:yaml.org,2002:timestamp'] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
doc = json.load(open('schema/document.schema.json')); site = json.load(open('schema/site.schema.json'))
bad = 0
for f in sorted(glob.glob('content/*.yaml') + glob.glob('versions/*/*/*.yaml')):
    if f.endswith('release.yaml'): continue
    data = yaml.load(open(f), Loader=L)
    schema = site if f.endswith('site.yaml') else doc
    errs = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    for e in errs[:3]: print(f, list(e.path), e.message[:150]); bad += 1
print('schemas: every YAML file is valid' if not bad else f'{bad} problems')
sys.exit(1 if bad else 0)
