// What the registry says about the package: versions, tags, people, repository, provenance.
import type { RegistryView } from '../../editor/model/investigate/protocol';
import { linkTo, section, type RenderContext } from './context';
import { append, el, icon, textList } from './dom';
import { shortTime } from './format';

export function renderRegistry(ctx: RenderContext, view: RegistryView): HTMLElement {
  const body = el('div', 'section-body');
  const facts = el('dl', 'facts');
  const fact = (term: string, value: Node | string) => {
    append(facts, el('dt', undefined, term));
    const dd = el('dd');
    append(dd, value);
    append(facts, dd);
  };
  if (view.publishedAt) fact('Published', shortTime(view.publishedAt));
  fact('Publisher', view.publisher ?? 'not recorded');
  fact('Maintainers', textList(view.maintainers, 'none listed', 'inline-list'));
  if (view.repository) fact('Repository', linkTo(ctx, view.repository.text, view.repository.link));
  else fact('Repository', 'none given');
  const provenance = el('span', view.provenance ? 'provenance yes' : 'provenance no');
  append(provenance, icon(view.provenance ? 'verified' : 'circle-slash'), view.provenance ? ' Provenance attestation present' : ' No provenance attestation');
  fact('Provenance', provenance);
  if (view.previousVersion) fact('Previous version', view.previousVersion);
  if (view.deprecated) {
    const dep = el('span', 'deprecated');
    append(dep, icon('warning'), el('span', undefined, ` ${view.deprecated}`));
    fact('Deprecated', dep);
  }
  append(body, facts);

  if (view.distTags.length > 0) {
    append(body, el('h3', undefined, 'Dist-tags'));
    const tags = el('ul', 'tag-list');
    for (const tag of view.distTags) {
      const item = el('li', 'tag');
      append(item, icon('tag'), el('span', 'tag-name', tag.tag), el('code', undefined, tag.version));
      append(tags, item);
    }
    append(body, tags);
  }

  append(body, el('h3', undefined, `Versions (${view.versionCount})`));
  const timeline = el('ol', 'timeline');
  for (const version of view.versions) {
    const item = el('li', version.current ? 'timeline-item current' : 'timeline-item');
    append(item, el('code', 'timeline-version', version.version));
    if (version.publishedAt) append(item, el('span', 'muted', shortTime(version.publishedAt)));
    if (version.current) append(item, el('span', 'badge badge-info', 'this version'));
    append(timeline, item);
  }
  append(body, timeline);
  if (view.versionCount > view.versions.length) append(body, el('p', 'muted', `${view.versionCount - view.versions.length} older versions not shown`));
  return section(ctx, 'registry', 'Registry facts', body, { icon: 'history' });
}
