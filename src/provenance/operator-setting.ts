// The fail-closed check names model fields (`site.name`); an operator fixes a setting (CONVEY_SITE_NAME) or a
// source (`convey sources edit`). This maps each missing field to what the operator does about it.

/** What the operator sets to fill one missing field; `sourceSlug` makes the source's command exact. */
export function operatorSettingFor(field: string, sourceSlug = '<slug>'): string {
  const editSource = (option: string) => `convey sources edit ${sourceSlug} ${option}`;
  switch (field) {
    case 'site.name':
      return 'the site has no name (set CONVEY_SITE_NAME)';
    case 'site.url':
      return 'the site has no public http(s) address (set CONVEY_SITE_URL)';
    case 'site.disclaimerTemplate':
      return 'the site has no disclaimer (set CONVEY_DISCLAIMER)';
    case 'site.attributionTemplate':
      return "the site's default attribution line cannot be filled (change it in the desk's settings)";
    case 'site.disclaimerTemplate:{site}':
      return "the site's disclaimer does not name the site (put {site} in CONVEY_DISCLAIMER)";
    case 'source.name':
      return `the source has no name (${editSource('--name …')})`;
    case 'source.disclaimerTemplate':
      return `the source's disclaimer is empty (${editSource('--disclaimer …')})`;
    case 'source.disclaimerTemplate:{site}':
      return `the source's disclaimer does not name the site (${editSource('--disclaimer "… {site} …"')})`;
    case 'source.attributionTemplate':
      return `the source's attribution line is empty (${editSource('--attribution …')})`;
    case 'article.originalUrl':
      return 'the article has no http(s) link to its original (check the feed entry)';
    case 'article.headline':
      return "the article has no headline (check the feed entry or the source's extraction rules)";
    case 'article.byline':
      return `the article has no author and a template names {author} (change the template: ${editSource('--attribution …')} or CONVEY_DISCLAIMER)`;
    case 'source.license':
      return `the source has no license nor a statement of the right to republish (${editSource('--license "CC BY 4.0"')}, or --license "permission on file")`;
    case 'rights.license':
      return `no license is known and a template names {license} (${editSource('--license …')})`;
    default:
      return `missing field ${field}`;
  }
}

/** The hold reason of an article that may not go out: every missing field, as what to set. */
export function publishRefusalMessage(missing: string[], sourceSlug?: string): string {
  return `cannot publish: ${missing.map((field) => operatorSettingFor(field, sourceSlug)).join('; ')}`;
}
